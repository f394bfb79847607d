ALTER TABLE "campaigns" ADD COLUMN "timezone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
UPDATE "campaigns" c SET "timezone" = w."timezone" FROM "workspaces" w WHERE w."id" = c."workspace_id";
