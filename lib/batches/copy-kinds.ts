// Client-safe: how a batch was made from another, and how each side of the link reads.

export const COPY_KINDS = ["duplicate", "failed_rows", "resubmit"] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

/** On the copy: "Made from the failed rows of batch 5eb528f1". */
export const COPIED_FROM_TEXT: Record<CopyKind, string> = {
  duplicate: "Copied from batch",
  failed_rows: "Made from the failed rows of batch",
  resubmit: "New version of rejected batch",
};

/** On the original: "New batch from failed rows: 9c1d…". */
export const COPIED_TO_TEXT: Record<CopyKind, string> = {
  duplicate: "Copy",
  failed_rows: "New batch from failed rows",
  resubmit: "New version",
};
