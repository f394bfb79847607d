ALTER TABLE "campaign_totals" DROP CONSTRAINT "campaign_totals_workspace_id_workspaces_id_fk";
--> statement-breakpoint
-- The foreign key went because its check takes a share lock on the workspace row in every campaign write
-- that appends totals: a recount (campaign rows locked, then the totals appended) and a workspace's deletion
-- (workspace row locked, then its campaigns by cascade) could deadlock. A deleted workspace's totals go with
-- this trigger instead; the campaigns' delete trigger appends nothing for a workspace that is gone.
CREATE OR REPLACE FUNCTION campaign_totals_forget_workspace() RETURNS trigger AS $$
BEGIN
  DELETE FROM campaign_totals t USING old_workspaces o WHERE t.workspace_id = o.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER campaign_totals_on_workspace_delete AFTER DELETE ON workspaces
  REFERENCING OLD TABLE AS old_workspaces FOR EACH STATEMENT EXECUTE FUNCTION campaign_totals_forget_workspace();
