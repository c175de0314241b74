-- The control plane purges expired signing keys every minute; the statement-level trigger of V3 bumped the
-- registry version on each purge even when it deleted nothing, so every gateway reloaded its whole snapshot
-- every minute. A row-level trigger fires only for keys actually made, retired or deleted.
drop trigger signing_key_changed on signing_key;

create trigger signing_key_changed after insert or update or delete on signing_key
    for each row execute function registry_changed();
