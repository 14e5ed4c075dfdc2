-- The webhooks active workflows serve, one row per route (method and path shape) across every instance: the primary
-- key keeps two workflows from claiming one route.
CREATE TABLE weft_webhook (
  route_key   VARCHAR(2100) PRIMARY KEY,
  method      VARCHAR(16) NOT NULL,
  path        VARCHAR(2048) NOT NULL,
  workflow_id VARCHAR(255) NOT NULL,
  node        VARCHAR(1024) NOT NULL,
  claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX weft_webhook_workflow ON weft_webhook (workflow_id);
