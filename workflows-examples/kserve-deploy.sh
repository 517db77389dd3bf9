#!/usr/bin/env bash
# mlgate deploy --target command:workflows-examples/kserve-deploy.sh — roll a model out to a KServe
# InferenceService with KServe's own canary (spec.predictor.canaryTrafficPercent).
#
# mlgate runs this script once per phase, with no arguments; everything is in the environment:
#   MLGATE_PHASE            status | stage | canary | promote | switch | rollback
#   MLGATE_MODEL_NAME       the model's name (--name; default the environment)
#   MLGATE_ENVIRONMENT      the environment (--environment)
#   MLGATE_STRATEGY         direct | canary | blue-green
#   MLGATE_VERSION          the version being rolled out (empty in a manual `mlgate deploy rollback`)
#   MLGATE_MODEL            absolute path of its ONNX file (empty when MLGATE_VERSION is)
#   MLGATE_DIGEST           its SHA-256
#   MLGATE_TRAFFIC          its share of traffic after this phase, in percent (0..100)
#   MLGATE_CHAMPION         the version serving the rest of the traffic after this phase (empty: none)
#   MLGATE_CHAMPION_DIGEST  the champion's SHA-256
#   MLGATE_CHALLENGER       the challenger after this phase (empty: none)
#   MLGATE_CHALLENGER_WEIGHT the challenger's share in percent
#   MLGATE_PREVIOUS         what a rollback returns to
#   MLGATE_STATE            one line of JSON: mlgate's traffic state after this phase
# Exit 0 when the phase is done (the new revision is Ready); anything else fails the step and mlgate
# rolls back. What the script prints is kept in the deploy report. In phase `status` print the last
# MLGATE_STATE you stored (nothing on a first deploy): here it lives in an annotation of the service.
#
# Settings (the workflow's env:): KSERVE_SERVICE (InferenceService name, default MLGATE_MODEL_NAME),
# KSERVE_NAMESPACE (default: kubectl's), MODEL_STORE (s3://bucket/prefix or gs://bucket/prefix: each
# version is uploaded to MODEL_STORE/<name>/<version>/model.onnx), KSERVE_READY_TIMEOUT (default 300s).
# The InferenceService must exist (predictor.model.modelFormat onnx); the job needs kubectl access
# and the store's CLI (aws or gcloud) with credentials.
set -euo pipefail

service=${KSERVE_SERVICE:-$MLGATE_MODEL_NAME}
ready_timeout=${KSERVE_READY_TIMEOUT:-300s}
ns=()
if [ -n "${KSERVE_NAMESPACE:-}" ]; then ns=(--namespace "$KSERVE_NAMESPACE"); fi
annotation=mlgate.dev/state

uri_of() { printf '%s/%s/%s/model.onnx' "${MODEL_STORE:?set MODEL_STORE to s3://… or gs://…}" "$MLGATE_MODEL_NAME" "$1"; }

upload() {
  case "$2" in
    s3://*) aws s3 cp --only-show-errors "$1" "$2" ;;
    gs://*) gcloud storage cp "$1" "$2" ;;
    *) echo "MODEL_STORE must start with s3:// or gs://" >&2; return 2 ;;
  esac
}

# Points the predictor at a model and a canary share, then waits for the service to be Ready.
patch() {
  local uri=$1 percent=$2
  kubectl patch inferenceservice "$service" "${ns[@]}" --type merge \
    -p "{\"spec\":{\"predictor\":{\"canaryTrafficPercent\":$percent,\"model\":{\"storageUri\":\"$uri\"}}}}"
  kubectl wait inferenceservice "$service" "${ns[@]}" --for condition=Ready --timeout "$ready_timeout"
}

remember() {
  kubectl annotate inferenceservice "$service" "${ns[@]}" --overwrite "$annotation=$MLGATE_STATE" >/dev/null
}

case "$MLGATE_PHASE" in
  status)
    kubectl get inferenceservice "$service" "${ns[@]}" -o "jsonpath={.metadata.annotations.mlgate\.dev/state}"
    echo
    ;;
  stage)
    # Upload only: KServe has no "loaded without traffic" revision; the first canary step creates it.
    upload "$MLGATE_MODEL" "$(uri_of "$MLGATE_VERSION")"
    echo "uploaded $MLGATE_VERSION (sha256 $MLGATE_DIGEST) to $(uri_of "$MLGATE_VERSION")"
    remember
    ;;
  canary)
    # The new revision gets MLGATE_TRAFFIC percent; KServe keeps the last ready revision for the rest.
    patch "$(uri_of "$MLGATE_VERSION")" "$MLGATE_TRAFFIC"
    remember
    ;;
  promote | switch)
    patch "$(uri_of "$MLGATE_VERSION")" 100
    remember
    ;;
  rollback)
    if [ -z "$MLGATE_CHAMPION" ]; then
      echo "no champion to return to: leaving $service as it is" >&2
      exit 1
    fi
    # KServe's own rollback first (all traffic to the last ready revision), then the champion's model
    # back in the spec so the next revision is the champion again.
    kubectl patch inferenceservice "$service" "${ns[@]}" --type merge -p '{"spec":{"predictor":{"canaryTrafficPercent":0}}}'
    patch "$(uri_of "$MLGATE_CHAMPION")" 100
    remember
    ;;
  *)
    echo "unknown MLGATE_PHASE \"$MLGATE_PHASE\"" >&2
    exit 2
    ;;
esac
