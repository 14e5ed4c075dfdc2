-- Event payloads are small JSON documents: kept in the row instead of H2's separate LOB storage, which cost a LOB
-- (several more pages to write) per event. EventHub keeps each payload under 1,000,000 characters.
ALTER TABLE weft_server_event ALTER COLUMN payload SET DATA TYPE CHARACTER VARYING;
