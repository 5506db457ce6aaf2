export { fetchProfilesByIds, type ProfileSummary } from "./api/fetch-profiles-by-ids";
export { personName } from "./lib/person-name";
