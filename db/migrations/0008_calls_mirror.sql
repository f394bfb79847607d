CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"campaign_id" uuid,
	"nedzo_conversation_id" text NOT NULL,
	"nedzo_campaign_id" uuid,
	"agent_id" uuid,
	"contact_phone" text,
	"agent_phone" text,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"duration_seconds" integer,
	"outcome" text,
	"outcome_key" text DEFAULT 'other' NOT NULL,
	"picked_up" boolean DEFAULT false NOT NULL,
	"ended_reason" text,
	"appointment_at" timestamp (3) with time zone,
	"summary" text,
	"transcript" text,
	"recording_url" text,
	"source" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nedzo_agents" (
	"workspace_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"name" text NOT NULL,
	"webhook_url" text,
	"synced_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nedzo_agents_workspace_id_agent_id_pk" PRIMARY KEY("workspace_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "sync_states" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'idle' NOT NULL,
	"requested_at" timestamp (3) with time zone,
	"last_attempt_at" timestamp (3) with time zone,
	"last_success_at" timestamp (3) with time zone,
	"last_error" text,
	"needs_attention_at" timestamp (3) with time zone,
	"failures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"key_version" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_received_at" timestamp (3) with time zone,
	CONSTRAINT "webhook_endpoints_secretHash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nedzo_agents" ADD CONSTRAINT "nedzo_agents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_states" ADD CONSTRAINT "sync_states_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calls_workspace_conversation" ON "calls" USING btree ("workspace_id","nedzo_conversation_id");--> statement-breakpoint
CREATE INDEX "calls_campaign_newest" ON "calls" USING btree ("campaign_id","started_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "calls_campaign_outcome_newest" ON "calls" USING btree ("campaign_id","outcome_key","started_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "calls_unlinked" ON "calls" USING btree ("workspace_id","nedzo_campaign_id");--> statement-breakpoint
-- calls find their campaign by its Nedzo id (also declared in db/schema.ts once that file is free to change)
CREATE INDEX IF NOT EXISTS "campaigns_by_nedzo_campaign" ON "campaigns" USING btree ("workspace_id","nedzo_campaign_id");
