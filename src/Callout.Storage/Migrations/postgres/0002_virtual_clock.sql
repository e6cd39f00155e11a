-- Where a server on the virtual clock (--clock virtual) left time, so a restart resumes the
-- rehearsal there (IEngineStore.ReadVirtualTime/SaveVirtualTime). At most one row.
CREATE TABLE virtual_clock (
    id  integer NOT NULL PRIMARY KEY CHECK (id = 1),
    now bigint  NOT NULL
);
