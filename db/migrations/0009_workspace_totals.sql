CREATE TABLE "campaign_totals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_totals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"campaigns" integer DEFAULT 0 NOT NULL,
	"dials" bigint DEFAULT 0 NOT NULL,
	"pickups" bigint DEFAULT 0 NOT NULL,
	"appointments" bigint DEFAULT 0 NOT NULL,
	"positive" bigint DEFAULT 0 NOT NULL,
	"minutes" double precision DEFAULT 0 NOT NULL,
	"minutes_today" double precision DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_totals" ADD CONSTRAINT "campaign_totals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_totals_workspace" ON "campaign_totals" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "campaigns_synced" ON "campaigns" USING btree ("workspace_id","synced_at") WHERE "campaigns"."status" = 'created';--> statement-breakpoint
-- Each statement that changes campaigns appends what it changed, per workspace, to campaign_totals (in the
-- same transaction). Updates that change no figure (a new synced_at, a status) append nothing. A workspace
-- being deleted takes its rows with it (its totals go by cascade; nothing is appended for it).
CREATE OR REPLACE FUNCTION campaign_totals_apply() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO campaign_totals (workspace_id, campaigns, dials, pickups, appointments, positive, minutes, minutes_today)
    SELECT n.workspace_id, count(*), sum(n.dials), sum(n.total_pickups), sum(n.outcome_appointment_booked),
      sum(n.total_positive_outcomes), sum(n.total_min_used), sum(n.total_min_used_today)
    FROM new_rows n GROUP BY n.workspace_id;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO campaign_totals (workspace_id, campaigns, dials, pickups, appointments, positive, minutes, minutes_today)
    SELECT o.workspace_id, -count(*), -sum(o.dials), -sum(o.total_pickups), -sum(o.outcome_appointment_booked),
      -sum(o.total_positive_outcomes), -sum(o.total_min_used), -sum(o.total_min_used_today)
    FROM old_rows o
    WHERE EXISTS (SELECT 1 FROM workspaces w WHERE w.id = o.workspace_id)
    GROUP BY o.workspace_id;
  ELSE
    INSERT INTO campaign_totals (workspace_id, campaigns, dials, pickups, appointments, positive, minutes, minutes_today)
    SELECT d.workspace_id, sum(d.n), sum(d.dials), sum(d.pickups), sum(d.appointments), sum(d.positive), sum(d.minutes), sum(d.minutes_today)
    FROM (
      SELECT n.workspace_id, 1 AS n, n.dials::bigint AS dials, n.total_pickups::bigint AS pickups,
        n.outcome_appointment_booked::bigint AS appointments, n.total_positive_outcomes::bigint AS positive,
        n.total_min_used AS minutes, n.total_min_used_today AS minutes_today
      FROM new_rows n
      UNION ALL
      SELECT o.workspace_id, -1, -o.dials::bigint, -o.total_pickups::bigint, -o.outcome_appointment_booked::bigint,
        -o.total_positive_outcomes::bigint, -o.total_min_used, -o.total_min_used_today
      FROM old_rows o
    ) d
    GROUP BY d.workspace_id
    HAVING sum(d.n) <> 0 OR sum(d.dials) <> 0 OR sum(d.pickups) <> 0 OR sum(d.appointments) <> 0 OR sum(d.positive) <> 0
      OR abs(sum(d.minutes)) > 1e-9 OR abs(sum(d.minutes_today)) > 1e-9;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER campaign_totals_on_insert AFTER INSERT ON campaigns
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_totals_apply();
--> statement-breakpoint
CREATE TRIGGER campaign_totals_on_update AFTER UPDATE ON campaigns
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_totals_apply();
--> statement-breakpoint
CREATE TRIGGER campaign_totals_on_delete AFTER DELETE ON campaigns
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_totals_apply();
--> statement-breakpoint
-- what is there already, as one row per workspace (the triggers above are in place first, in this transaction)
INSERT INTO campaign_totals (workspace_id, campaigns, dials, pickups, appointments, positive, minutes, minutes_today)
SELECT workspace_id, count(*), sum(dials), sum(total_pickups), sum(outcome_appointment_booked), sum(total_positive_outcomes),
  sum(total_min_used), sum(total_min_used_today)
FROM campaigns GROUP BY workspace_id;
