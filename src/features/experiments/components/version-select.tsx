import type { ExperimentDetail } from "../api/fetch-experiment";
import { versionLabel } from "../lib/variant-form-schema";
import { OptionSelect } from "./option-select";

const MAX_LABEL = 72;

/**
 * Picks one of the experiment's own versions (a fork's source versions are not its own), newest
 * first, each with its number, branch and change message, and which variants already use it.
 */
export function VersionSelect({
  experiment,
  value,
  onValueChange,
  ...fieldProps
}: {
  experiment: ExperimentDetail;
  value: string;
  onValueChange(value: string): void;
  id?: string;
  name?: string;
  "aria-invalid"?: boolean | "true" | "false";
  "aria-describedby"?: string;
}) {
  const options = experiment.versions
    .filter((version) => version.experimentId === experiment.id)
    .reverse()
    .map((version) => {
      const label = versionLabel(version);
      const users = experiment.variants
        .filter((variant) => variant.versionId === version.id)
        .map((variant) => variant.name || variant.key);
      const short = label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
      return {
        value: version.id,
        label: users.length > 0 ? `${short} (used by ${users.join(", ")})` : short,
      };
    });
  return (
    <OptionSelect
      value={value}
      onValueChange={onValueChange}
      options={options}
      placeholder="Choose a version"
      {...fieldProps}
    />
  );
}
