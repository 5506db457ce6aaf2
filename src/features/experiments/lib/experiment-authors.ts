import type { ExperimentDetail } from "../api/fetch-experiment";

/**
 * Who counts as an author for the approval rule: the experiment's creator and the authors of the
 * versions its variants use. They may not approve it (docs/experiments.md, Lifecycle).
 */
export function experimentAuthors(experiment: ExperimentDetail): Set<string> {
  const used = new Set(experiment.variants.map((variant) => variant.versionId));
  const authors = new Set<string>();
  if (experiment.createdBy) authors.add(experiment.createdBy);
  for (const version of experiment.versions) {
    if (used.has(version.id) && version.createdBy) authors.add(version.createdBy);
  }
  return authors;
}
