// Which projects have a task learner: it classifies a text into labels (single- or multi-label).
// Span projects would need a tagger and pairwise projects compare two responses, so neither has
// one: no training, no learner queue orders, no cascade, no learner card. The task types' registry
// is safe for the browser, so pages and client components can ask too.
import { taskTypeDef } from "@/lib/task-types";

export const hasTaskLearner = (taskType: string) => taskTypeDef(taskType).capabilities.learner;
