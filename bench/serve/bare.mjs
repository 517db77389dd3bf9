// The peer of bench/serve/run.ts: the least a Node server can do to answer an Open Inference Protocol
// v2 request with onnxruntime — node:http, JSON.parse, one float32 tensor, session.run, JSON out. No
// routing table, validation, metrics, timeouts or version header. Same session options as
// `mlgate serve` (src/serve/models.ts servingSessionOptions), so the two differ only in the HTTP work.
//
//   node bench/serve/bare.mjs MODEL.onnx NAME   -> prints "listening on http://127.0.0.1:PORT"
import { createServer } from "node:http";
import os from "node:os";
import * as ort from "onnxruntime-node";

const [file, name] = process.argv.slice(2);
const session = await ort.InferenceSession.create(file, {
  graphOptimizationLevel: "all",
  intraOpNumThreads: Math.max(1, os.availableParallelism()),
  interOpNumThreads: 1,
  executionMode: "sequential",
  logSeverityLevel: 4,
  logVerbosityLevel: 0,
  extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
});
const [input] = session.inputNames;
const [output] = session.outputNames;

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    void (async () => {
      try {
        const t = JSON.parse(Buffer.concat(chunks).toString("utf8")).inputs[0];
        const data = Float32Array.from(t.data.flat(Infinity));
        const out = (await session.run({ [input]: new ort.Tensor("float32", data, t.shape) }))[output];
        const body = JSON.stringify({
          model_name: name,
          model_version: "1",
          outputs: [{ name: output, datatype: "FP32", shape: out.dims, data: Array.from(out.data) }],
        });
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        res.end(body);
      } catch (e) {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: String(e) }));
      }
    })();
  });
});
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void session.release().then(() => process.exit(0));
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
