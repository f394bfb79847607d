CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "jobs_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"queue_key" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"locked_by" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_key_unique" UNIQUE("key")
);
--> statement-breakpoint
DROP INDEX "campaigns_pending";--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "sent_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "workspace_members" ADD COLUMN "clients_limited" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "jobs_fifo" ON "jobs" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "jobs_queue" ON "jobs" USING btree ("queue_key","seq");--> statement-breakpoint
CREATE INDEX "campaigns_in_flight" ON "campaigns" USING btree ("sent_at") WHERE "campaigns"."status" = 'pending';--> statement-breakpoint
-- rows pending before this migration may have reached Nedzo: treat them as sent, so only the sweeper settles them
UPDATE "campaigns" SET "sent_at" = "created_at" WHERE "status" = 'pending' AND "sent_at" IS NULL;--> statement-breakpoint
-- a seat with limit rows was limited: make that a state of its own
UPDATE "workspace_members" m SET "clients_limited" = true WHERE EXISTS (SELECT 1 FROM "agency_member_clients" r WHERE r."agency_id" = m."workspace_id" AND r."user_id" = m."user_id");
