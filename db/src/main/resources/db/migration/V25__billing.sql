-- Billing (issue 5, §1 and §3): price versions per plan, subscription dates for prorated fees,
-- closed billing periods, invoices with their lines, credit notes, gapless document numbers.

-- When a subscription began to bind its application (first ACTIVE) and when it ended (CANCELLED).
alter table subscription add column started_at timestamptz;
alter table subscription add column ended_at timestamptz;
update subscription set started_at = created_at where status in ('ACTIVE', 'SUSPENDED', 'CANCELLED');
update subscription set ended_at = updated_at where status = 'CANCELLED';

-- A plan's prices over time: the version with the latest effective_from on or before a day applies to
-- that day (the earliest version also to every day before it). plan.pricing holds the newest one.
create table plan_price (
    plan_id        uuid not null references plan (id) on delete cascade,
    effective_from date not null,
    pricing        jsonb not null,
    created_at     timestamptz not null default now(),
    primary key (plan_id, effective_from)
);
insert into plan_price (plan_id, effective_from, pricing, created_at)
    select id, (created_at at time zone 'UTC')::date, pricing, created_at from plan;

-- A calendar month (UTC, first day) whose invoices are final. No row: the period is open.
create table billing_period (
    period_start date primary key,
    closed_at    timestamptz not null,
    closed_by    text
);

-- One invoice per organization, month and currency. A DRAFT row only pins the id; its lines are rated
-- live. At close it gets its number, total and lines, becomes FINAL, and never changes again.
create table invoice (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    period_start    date not null,
    currency        text not null,
    status          text not null check (status in ('DRAFT', 'FINAL')),
    number          text unique,
    total           numeric,
    issued_at       timestamptz,
    created_at      timestamptz not null default now(),
    unique (organization_id, period_start, currency),
    check (status = 'DRAFT' or (number is not null and total is not null and issued_at is not null))
);

create table invoice_line (
    invoice_id           uuid not null references invoice (id),
    position             integer not null,
    kind                 text not null check (kind in ('USAGE', 'FEE', 'SETUP_FEE')),
    subscription_id      uuid not null,
    application_id       uuid,
    application          text,
    api_id               uuid,
    api                  text,
    plan_id              uuid not null,
    plan                 text,
    model                text not null,
    meter                text,
    line_from            date not null,
    line_to              date not null,
    price_effective_from date not null,
    quantity             numeric not null,
    included_units       bigint,
    billed_quantity      numeric,
    unit_price           numeric,
    days                 integer,
    days_in_period       integer,
    tiers                jsonb,
    amount               numeric not null,
    primary key (invoice_id, position)
);

-- A correction of a FINAL invoice: an amount credited back, with its own number.
create table credit_note (
    id         uuid primary key,
    number     text not null unique,
    invoice_id uuid not null references invoice (id),
    currency   text not null,
    amount     numeric not null check (amount > 0),
    reason     text not null,
    issued_at  timestamptz not null,
    issued_by  text
);

-- Gapless numbers per series ('INV', 'CN') and year: incremented in the transaction that issues the
-- document, so a rolled-back issue gives its number back and concurrent issuers queue on the row.
create table document_number (
    series text    not null,
    year   integer not null,
    last   bigint  not null,
    primary key (series, year)
);

create function final_invoice_is_immutable() returns trigger language plpgsql as $$
begin
    if old.status = 'FINAL' then
        raise exception 'invoice % is final and never changes; correct it with a credit note', old.number;
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger invoice_final_immutable before update or delete on invoice
    for each row execute function final_invoice_is_immutable();

create function final_invoice_line_is_immutable() returns trigger language plpgsql as $$
declare
    target uuid := case when tg_op = 'INSERT' then new.invoice_id else old.invoice_id end;
begin
    if exists (select 1 from invoice where id = target and status = 'FINAL') then
        raise exception 'the lines of final invoice % never change', target;
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger invoice_line_final_immutable before insert or update or delete on invoice_line
    for each row execute function final_invoice_line_is_immutable();

create function credit_note_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'credit note % never changes', old.number;
end;
$$;
create trigger credit_note_immutable before update or delete on credit_note
    for each row execute function credit_note_is_immutable();

create index invoice_period on invoice (period_start, organization_id);
create index credit_note_invoice on credit_note (invoice_id);
