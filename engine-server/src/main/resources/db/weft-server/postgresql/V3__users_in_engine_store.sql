-- Accounts move to the engine's user store (table weft_user, created by the engine's own migration V3, which runs
-- before the server's). The server wrote e-mails trimmed and lower-cased, which is exactly the store's email_key.
-- The oldest account (the one that set the server up) becomes the admin; the others are members.
INSERT INTO weft_user (id, email, email_key, display_name, role, password_hash, disabled, created_at, updated_at,
    version)
SELECT u.id, u.email, u.email, NULL,
    CASE WHEN u.id = (SELECT f.id FROM weft_server_user f ORDER BY f.created_at, f.id LIMIT 1)
      THEN 'admin' ELSE 'member' END,
    u.password_hash, FALSE, u.created_at, u.created_at, 1
FROM weft_server_user u;

-- Refresh tokens now belong to weft_user: the table is rebuilt (its foreign key's name differs between databases),
-- keeping every token, so nobody is signed out by the upgrade.
CREATE TABLE weft_server_refresh_token_new (
  token_hash VARCHAR(64) PRIMARY KEY,
  user_id    VARCHAR(255) COLLATE "C" NOT NULL REFERENCES weft_user (id) ON DELETE CASCADE,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked    BOOLEAN NOT NULL
);
INSERT INTO weft_server_refresh_token_new (token_hash, user_id, expires_at, revoked)
SELECT token_hash, user_id, expires_at, revoked FROM weft_server_refresh_token;
DROP TABLE weft_server_refresh_token;
ALTER TABLE weft_server_refresh_token_new RENAME TO weft_server_refresh_token;
CREATE INDEX weft_server_refresh_token_user ON weft_server_refresh_token (user_id);

DROP TABLE weft_server_user;
