package org.sslpipeline.deploy;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.IOException;
import java.nio.file.Path;

/**
 * HDFS in the test JVM (a NameNode and one DataNode, on 127.0.0.1), shared by every cluster test of the run and
 * shut down when the JVM ends.
 */
final class MiniHdfs {
    private static MiniHdfs shared;

    private final MiniDFSCluster cluster;

    private MiniHdfs(Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
        for (String key : new String[] {"dfs.namenode.rpc-bind-host", "dfs.namenode.servicerpc-bind-host",
                "dfs.namenode.http-bind-host", "dfs.namenode.https-bind-host"}) {
            conf.set(key, ClusterTestKit.LOOPBACK);
        }
        conf.set("dfs.datanode.address", ClusterTestKit.LOOPBACK + ":0");
        conf.set("dfs.datanode.http.address", ClusterTestKit.LOOPBACK + ":0");
        conf.set("dfs.datanode.ipc.address", ClusterTestKit.LOOPBACK + ":0");
        conf.setBoolean("dfs.permissions.enabled", false);
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
    }

    static synchronized MiniHdfs shared() throws IOException {
        if (shared == null) {
            shared = new MiniHdfs(ClusterTestKit.work("hdfs"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared.cluster::shutdown));
        }
        return shared;
    }

    /** {@code hdfs://host:port}, no trailing slash. */
    String uri() throws IOException {
        return fileSystem().getUri().toString();
    }

    FileSystem fileSystem() throws IOException {
        return cluster.getFileSystem();
    }

    Configuration configuration() {
        return cluster.getConfiguration(0);
    }
}
