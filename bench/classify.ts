/**
 * Benchmark (not a test): how long the category classifier takes. Prints the one-off cost of training the
 * learned model at start-up and the time per classify() call, for the lexicon alone, the learned model alone
 * and both combined, over every labelled text in data/labelled (own and public), repeated.
 * Usage: npm run bench:classify -- [--rounds 20]
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Classifier, type ClassifierMode } from '../services/routing/classifier';
import { LABELLED_DIR, readLabelled, readTrainingSet, trainModel } from '../services/routing/labelled';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROUNDS = arg('rounds', 20);

const own = readTrainingSet();
const texts = [...own, ...readLabelled(join(LABELLED_DIR, 'public311.jsonl'))].map((r) => r.text);

const trainTimes: number[] = [];
const cpuTimes: number[] = [];
let model = trainModel(own);
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  model = trainModel(own);
  const cpu = process.cpuUsage(c0);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
  trainTimes.push(performance.now() - t0);
}
trainTimes.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);

const t0 = performance.now();
const classifier = new Classifier(undefined, [], model);
const buildMs = performance.now() - t0;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

console.log(`texts: ${texts.length} (mean ${Math.round(texts.join('').length / texts.length)} characters)`);
console.log(
  `training the learned model on ${own.length} texts: median ${trainTimes[2].toFixed(0)} ms ` +
    `(min ${trainTimes[0].toFixed(0)}, max ${trainTimes[4].toFixed(0)}), CPU time median ${cpuTimes[2].toFixed(0)} ms; ` +
    `building the lexicon index: ${buildMs.toFixed(1)} ms (wall times include waiting for a busy CPU)`,
);
for (const mode of ['lexicon', 'learned', 'combined'] as ClassifierMode[]) {
  for (const t of texts) classifier.classifyWith(t, mode); // warm-up (JIT, fuzzy memo)
  const times: number[] = [];
  const start = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    for (const t of texts) {
      const s = performance.now();
      classifier.classifyWith(t, mode);
      times.push(performance.now() - s);
    }
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  console.log(
    `${mode.padEnd(8)} per text: mean ${((1000 * total) / times.length).toFixed(0)} µs, ` +
      `p50 ${(1000 * percentile(times, 0.5)).toFixed(0)} µs, p99 ${(1000 * percentile(times, 0.99)).toFixed(0)} µs, ` +
      `max ${(1000 * times[times.length - 1]).toFixed(0)} µs  (${times.length} calls)`,
  );
}
const mem = process.memoryUsage();
console.log(`heap used ${(mem.heapUsed / 1e6).toFixed(0)} MB, RSS ${(mem.rss / 1e6).toFixed(0)} MB`);
