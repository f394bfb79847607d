-- the name search uses a trigram index (pg_trgm: trusted since PostgreSQL 13; PGlite loads its contrib build)
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "audit_events_workspace_created" ON "audit_events" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "campaigns_by_created_at" ON "campaigns" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "campaigns_by_name" ON "campaigns" USING btree ("workspace_id","name","id");--> statement-breakpoint
CREATE INDEX "campaigns_by_status" ON "campaigns" USING btree ("workspace_id","status","id");--> statement-breakpoint
CREATE INDEX "campaigns_by_dials" ON "campaigns" USING btree ("workspace_id","dials","id");--> statement-breakpoint
CREATE INDEX "campaigns_by_total_pickups" ON "campaigns" USING btree ("workspace_id","total_pickups","id");--> statement-breakpoint
CREATE INDEX "campaigns_by_total_positive_outcomes" ON "campaigns" USING btree ("workspace_id","total_positive_outcomes","id");--> statement-breakpoint
CREATE INDEX "campaigns_by_total_min_used" ON "campaigns" USING btree ("workspace_id","total_min_used","id");--> statement-breakpoint
CREATE INDEX "campaigns_name_trgm" ON "campaigns" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "invitations_workspace_created" ON "invitations" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
DROP INDEX "audit_events_workspace_newest";--> statement-breakpoint
DROP INDEX "campaigns_workspace_newest";--> statement-breakpoint
DROP INDEX "invitations_workspace_id_created_at_index";
