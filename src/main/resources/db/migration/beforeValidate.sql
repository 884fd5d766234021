-- Flyway runs this before it validates applied migrations against these files.
-- V10 and V15 had only a comment reworded after they were released; their checksums
-- changed with it. Databases that applied the earlier wording get the new checksums,
-- but only where the recorded one is exactly the earlier wording's: any other change to
-- an applied migration still fails validation, as it should.
do $$
begin
  if to_regclass('flyway_schema_history') is not null then
    update flyway_schema_history set checksum = -1178431391 where version = '10' and checksum = 1775794170;
    update flyway_schema_history set checksum = -517113315 where version = '15' and checksum = 444253378;
  end if;
end $$;
