-- One row per claimed schedule tick: the primary key makes the claim exclusive across instances.
CREATE TABLE weft_tick_lock (
  lock_key   VARCHAR(400)             NOT NULL,
  tick       TIMESTAMP WITH TIME ZONE NOT NULL,
  held_until TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (lock_key, tick)
);
CREATE INDEX weft_tick_lock_held ON weft_tick_lock (held_until);
