-- Tables of the Weft server beside the engine's stores (own Flyway history: weft_server_schema_history).

CREATE TABLE weft_server_user (
  id            VARCHAR(64) PRIMARY KEY,
  email         VARCHAR(320) NOT NULL,
  password_hash VARCHAR(100) NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX weft_server_user_email ON weft_server_user (email);

-- Refresh tokens are kept only as SHA-256 hashes; a refresh replaces the token it used.
CREATE TABLE weft_server_refresh_token (
  token_hash VARCHAR(64) PRIMARY KEY,
  user_id    VARCHAR(64) NOT NULL REFERENCES weft_server_user (id) ON DELETE CASCADE,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked    BOOLEAN NOT NULL
);
CREATE INDEX weft_server_refresh_token_user ON weft_server_refresh_token (user_id);

-- Execution events as sent to live views, numbered for Last-Event-ID resume.
CREATE TABLE weft_server_event (
  seq          BIGINT PRIMARY KEY,
  execution_id VARCHAR(255) NOT NULL,
  workflow_id  VARCHAR(255),
  payload      TEXT NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX weft_server_event_execution ON weft_server_event (execution_id, seq);
CREATE INDEX weft_server_event_created ON weft_server_event (created_at);
