-- Category evolution, step 3 of 3 (contract), shipped once no running release reads the
-- old column: validate the foreign key (takes only a SHARE UPDATE EXCLUSIVE lock, reads
-- run on) and drop the free-text column.

alter table tasks validate constraint tasks_category_fk;

alter table tasks drop column category;
