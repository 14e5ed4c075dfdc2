-- Servers sharing one database number their events from blocks they reserve here, so that two servers never hand
-- out the same event number (the primary key of weft_server_event).
CREATE TABLE weft_server_event_block (
  id       INT PRIMARY KEY,
  next_seq BIGINT NOT NULL
);
INSERT INTO weft_server_event_block (id, next_seq)
  SELECT 1, COALESCE(MAX(seq), 0) + 1 FROM weft_server_event;
