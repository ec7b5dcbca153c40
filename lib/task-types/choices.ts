// Label Studio's <Choices> control, shared by the types whose value is a set of labels: a region
// of type "choices" whose value lists them. A completed annotation without any choice means "no
// label applies" for multi-label; for single-label it is an error.
import type { LabelStudioMapping, SuggestionValue } from "@/lib/task-types/types";

export function choicesMapping(choice: "single" | "multiple"): LabelStudioMapping {
  return {
    control: { tag: "Choices", choice },
    fromRegions(regions) {
      const choices = regions.filter((r) => r.type === "choices").flatMap((r) => (Array.isArray(r.value?.choices) ? r.value.choices.map(String) : []));
      if (choice === "multiple") return { labels: choices };
      if (choices.length === 0) return { error: "it has no choice" };
      if (choices.length > 1) return { error: `it has ${choices.length} choices; the project takes one label per item` };
      return { label: choices[0] };
    },
    toRegions(value: SuggestionValue) {
      const choices = "label" in value ? [value.label] : "labels" in value ? value.labels : [];
      return choices.length ? [{ type: "choices", value: { choices } }] : [];
    },
  };
}
