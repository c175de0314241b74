-- Rating groups billable usage per subscription, plan, application and UTC day. Without these
-- statistics PostgreSQL takes every record for a group of its own and will not aggregate in parallel.
create statistics if not exists usage_record_subject_day (ndistinct)
    on subscription_id, plan_id, application_id, ((occurred_at at time zone 'UTC')::date)
    from usage_record;
