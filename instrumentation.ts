// Runs once when an app instance boots: validate the environment and start background work.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWork } = await import("./lib/jobs/start-background-work");
  await startBackgroundWork();
}
