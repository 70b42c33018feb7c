CREATE TABLE "provider_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	"held" boolean NOT NULL,
	"checks" jsonb NOT NULL,
	"actor_label" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "provider_checks_ran_at_idx" ON "provider_checks" USING btree ("ran_at");