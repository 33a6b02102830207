using ItaBot.Storage.PostgreSql;

namespace ItaBot.Cases.PostgreSql;

/// <summary>
/// Cases, their facts, the committed case-number counters and the numbers reserved. A case row carries the whole record as jsonb (timeline, photos,
/// place: read whole, never queried inside) beside the columns the staff list, deadline scans, privacy requests and
/// retention filter and sort on; one index per list filter, newest first, so a page is a short index walk. Facts are
/// plain columns keyed by filing time: a fiscal year's compile is one range of the primary key.
/// </summary>
internal sealed class CasesPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => "cases";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        create table cases (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            number text collate "C" not null,
            fiscal_year integer not null,
            sequence integer not null,
            category_id text collate "C" not null,
            department text collate "C" not null,
            channel text collate "C" not null,
            status text collate "C" not null,
            assignee_id text collate "C",
            citizen_line_user_id text collate "C",
            contact_phone text collate "C",
            created_at timestamptz not null,
            closed_at timestamptz,
            open_due timestamptz,
            personal_data boolean not null,
            anonymised boolean not null,
            photos integer not null,
            version integer not null,
            record jsonb not null,
            primary key (agency_id, id)
        );
        create unique index cases_number on cases (agency_id, number);
        create index cases_newest on cases (agency_id, created_at desc, id desc);
        create index cases_department on cases (agency_id, department, created_at desc, id desc);
        create index cases_department_status on cases (agency_id, department, status, created_at desc, id desc);
        create index cases_status on cases (agency_id, status, created_at desc, id desc);
        create index cases_category on cases (agency_id, category_id, created_at desc, id desc);
        create index cases_channel on cases (agency_id, channel, created_at desc, id desc);
        create index cases_assignee on cases (agency_id, assignee_id, created_at desc, id desc) where assignee_id is not null;
        create index cases_open on cases (agency_id, created_at desc, id desc) where open_due is not null;
        create index cases_citizen on cases (agency_id, citizen_line_user_id, created_at desc, id desc) where citizen_line_user_id is not null;
        create index cases_phone on cases (agency_id, contact_phone) where contact_phone is not null;
        create index cases_closed on cases (agency_id, closed_at) where closed_at is not null;

        create table case_facts (
            agency_id text collate "C" not null,
            created_at timestamptz not null,
            case_id text collate "C" not null,
            number text collate "C" not null,
            category_id text collate "C" not null,
            department text collate "C" not null,
            channel smallint not null,
            acknowledge_by timestamptz not null,
            acknowledged_at timestamptz,
            answer_by timestamptz not null,
            answered_at timestamptz,
            closed_at timestamptz,
            rating_score smallint,
            rated_at timestamptz,
            status_at timestamptz[] not null,
            status smallint[] not null,
            primary key (agency_id, created_at, case_id)
        );

        create table case_counters (
            agency_id text collate "C" not null,
            fiscal_year integer not null,
            last_sequence integer not null,
            primary key (agency_id, fiscal_year)
        );
        """,
        // Numbers are reserved here, apart from the committed counters, by a statement that commits at once: every node
        // takes its numbers from this row, so two nodes never show one number (issue 18 item 2).
        """
        create table case_number_reservations (
            agency_id text collate "C" not null,
            fiscal_year integer not null,
            last_sequence integer not null,
            primary key (agency_id, fiscal_year)
        );
        """,
    ];
}
