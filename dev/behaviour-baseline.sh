#!/usr/bin/env bash
# Records what the pipeline computes, so that a change meant to keep behaviour (a refactoring) can be checked:
# fixed-seed single-JVM trainings of every algorithm and a one-round Noisy Student run, tiny but real (Fashion-MNIST),
# their metrics.json and state counts copied to OUT. Compare two recordings with `diff -r`.
#
#   dev/behaviour-baseline.sh OUT          # the Fashion-MNIST corpus: SSL_BASELINE_CORPUS, else the quick start's
#   diff -r docs/results/behaviour-baseline OUT
# Paths (the corpus's, the scratch run folder's) are replaced by placeholders so that recordings compare anywhere.
set -euo pipefail
out=${1:?usage: dev/behaviour-baseline.sh OUT}
home=$(cd "$(dirname "$0")/.." && pwd)
corpus=${SSL_BASELINE_CORPUS:-runs/corpus/fashion-mnist}
cd "$home"
[[ -f $corpus/_corpus.json ]] || { echo "no corpus at $corpus: run ./bin/ssl-pipeline quickstart (or ingest) first" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$out"
keep() { sed -e "s#$corpus#<corpus>#g" -e "s#file:$scratch#<runs>#g" -e "s#$scratch#<runs>#g" "$1" > "$2"; }
common=(--set data.corpus=$corpus --set train.trainer=local --set data.labels-per-class=10 --set data.max-unlabeled=2000
        --set train.epochs=2 --set train.steps-per-epoch=10 --set train.batch-size=16 --set train.eval-every-epochs=1
        --set run.dir="$scratch" --set 'spark.master=local[2]' --set 'spark.conf."spark.ui.enabled"=false')
for algorithm in supervised pseudo-label pi-model temporal-ensembling mean-teacher fixmatch featdistloss openmatch; do
  bin/ssl-pipeline train "${common[@]}" --set train.algorithm=$algorithm --run-id $algorithm > "$scratch/$algorithm.log" 2>&1 \
    || { tail -20 "$scratch/$algorithm.log" >&2; exit 1; }
  keep "$scratch/$algorithm/train/metrics.json" "$out/train-$algorithm.json"
done
bin/ssl-pipeline run "${common[@]}" --set train.algorithm=fixmatch --set noisy-student.per-class=100 \
  --set noisy-student.pseudo-ratio=3 --run-id round > "$scratch/round.log" 2>&1 || { tail -20 "$scratch/round.log" >&2; exit 1; }
keep "$scratch/round/round-1/teacher/train/metrics.json" "$out/run-teacher.json"
keep "$scratch/round/round-1/student/train/metrics.json" "$out/run-student.json"
keep "$scratch/round/round-1/selected/_selection.json" "$out/run-selection.json"
echo "recorded in $out"
