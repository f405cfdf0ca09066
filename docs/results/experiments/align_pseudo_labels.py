"""One-off measurement for docs/RESULTS.md (Noisy Student rounds, build a3ccad7); not part of the product.

Distribution alignment (ReMixMatch, Berthelot et al. 2020) applied once to a round's pseudo-labels: each row's
probabilities are multiplied by (uniform class prior / the pool's mean prediction) and renormalized; the hard label
and confidence follow. Writes a pseudo-label folder of the same schema, so a run folder whose round-1/pseudo is
replaced by it trains its student on the aligned labels.

    python3 align_pseudo_labels.py <run>/round-1/pseudo <new run>/round-1/pseudo
Needs numpy and pyarrow.
"""
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

source, target = sys.argv[1], sys.argv[2]
table = pq.read_table(source)
probs = np.array(table.column("probs").to_pylist(), dtype=np.float64)
aligned = probs / probs.mean(axis=0) / probs.shape[1]
aligned = (aligned / aligned.sum(axis=1, keepdims=True)).astype(np.float32)

schema = table.schema
columns = {name: table.column(name) for name in schema.names}
columns["probs"] = pa.array(aligned.tolist(), type=schema.field("probs").type)
columns["label"] = pa.array(aligned.argmax(axis=1).astype(np.int32), type=schema.field("label").type)
columns["confidence"] = pa.array(aligned.max(axis=1), type=schema.field("confidence").type)
os.makedirs(target, exist_ok=False)
pq.write_table(pa.Table.from_arrays([columns[n] for n in schema.names], schema=schema),
               os.path.join(target, "part-00000.parquet"))
open(os.path.join(target, "_SUCCESS"), "w").close()
print("aligned", table.num_rows, "pseudo-labels into", target)
