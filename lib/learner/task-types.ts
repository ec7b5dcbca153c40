// Which projects have a task learner: it classifies a text into labels (single- or multi-label).
// Span projects would need a tagger and pairwise projects compare two responses, so neither has
// one: no training, no learner queue orders, no cascade, no learner card. No imports, so pages and
// client components can ask too.
export const hasTaskLearner = (taskType: string) => taskType === "SINGLE_LABEL" || taskType === "MULTI_LABEL";
