/** Connection details of the stack `npm test` started (see scripts/test.ts). */
function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run integration tests through \`npm test -- --only integration\``,
    );
  }
  return value;
}

export const stackEnv = {
  apiUrl: required("CAUSEWAY_API_URL"),
  publishableKey: required("CAUSEWAY_PUBLISHABLE_KEY"),
  secretKey: required("CAUSEWAY_SECRET_KEY"),
  dbUrl: required("CAUSEWAY_DB_URL"),
};
