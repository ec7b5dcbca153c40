// Types for predict.mjs (plain JavaScript so a downloaded learner needs nothing else).
export type FeatureSpec = { hashBits: number; wordNgrams: number; charNgrams: [number, number]; maxChars: number };
export type SparseVector = { index: Int32Array; value: Float32Array };
export type LearnerFile = {
  format: "goldset-learner";
  formatVersion: 1;
  taskType: "SINGLE_LABEL" | "MULTI_LABEL";
  labels: string[];
  features: FeatureSpec;
  idf: { documents: number; df: [number, number][] };
  weights: [number, number][][];
  bias: number[];
  training: { source: "GOLD" | "LLM"; items: number; epochs: number; l2: number; trainedAt: string };
  score: unknown;
};
/** table: per hash bucket, its idf then each label's weight (stride = 1 + labels). */
export type LoadedLearner = { file: LearnerFile; idf: Float32Array; weights: Float32Array[]; bias: number[]; table: Float32Array; stride: number };
export const DEFAULT_FEATURES: FeatureSpec;
export function fnv1a(s: string): number;
export function tokens(text: string, maxChars: number): string[];
/** `general`: always through tokens() (the ASCII fast path is skipped; tests compare the two). */
export function hashedCounts(text: string, spec: FeatureSpec, opts?: { general?: boolean }): { index: Int32Array; count: Float64Array };
export function vectorize(text: string, spec: FeatureSpec, idf: Float32Array): SparseVector;
export function idfFrom(documents: number, df: [number, number][], hashBits: number): Float32Array;
export function probabilities(weights: Float32Array[], bias: number[], multiLabel: boolean, x: SparseVector): number[];
export function softmax(scores: number[]): number[];
export function loadLearner(file: LearnerFile): LoadedLearner;
export function predict(learner: LoadedLearner, text: string): { labels: string[]; probabilities: Record<string, number> };
