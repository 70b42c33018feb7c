export * from "./enums";
export * from "./users";
export * from "./methods";
export * from "./batches";
export * from "./transactions";
export * from "./approvals";
export * from "./webhooks";
export * from "./audit-log";
