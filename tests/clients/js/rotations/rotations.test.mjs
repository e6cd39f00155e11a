// AWS SDK for JavaScript v3 drives rotations, overrides and shift listings against a Callout server.
//   CALLOUT_ENDPOINT=http://127.0.0.1:5000 node --test rotations/
// The expected shifts are test vectors 1, 7, 9 and 18 of spec/rotations.md §4. Overrides must end in
// the future and at most six months ahead, so vectors with overrides are moved forward by whole
// weeks (their times are UTC, so weekdays stay). Every test works in an account of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
    ConflictException,
    CreateContactCommand,
    CreateRotationCommand,
    CreateRotationOverrideCommand,
    DeleteContactCommand,
    DeleteRotationCommand,
    DeleteRotationOverrideCommand,
    GetContactCommand,
    GetRotationCommand,
    GetRotationOverrideCommand,
    ListRotationOverridesCommand,
    ResourceNotFoundException,
    SSMContactsClient,
    UpdateRotationCommand,
    ValidationException,
    paginateListPreviewRotationShifts,
    paginateListRotationShifts,
    paginateListRotations,
} from '@aws-sdk/client-ssm-contacts';

const endpoint = process.env.CALLOUT_ENDPOINT?.replace(/\/+$/, '');
if (!endpoint) {
    throw new Error('set CALLOUT_ENDPOINT to the server URL');
}
const region = 'us-east-1';
const DAY = 86_400_000;
const FIRST_MONDAY = Date.UTC(2024, 0, 1);
const DAILY_0900 = { NumberOfOnCalls: 1, RecurrenceMultiplier: 1, DailySettings: [{ HourOfDay: 9, MinuteOfHour: 0 }] };
const DAILY_0230 = { NumberOfOnCalls: 1, RecurrenceMultiplier: 1, DailySettings: [{ HourOfDay: 2, MinuteOfHour: 30 }] };

// spec/protocol.md §8 (JS v3); a 12-digit access key is the account (§5). maxAttempts 1: no retries.
async function account() {
    const id = String(randomInt(200_000_000_000, 999_999_999_999));
    const client = new SSMContactsClient({
        region,
        endpoint,
        credentials: { accessKeyId: id, secretAccessKey: 'x' },
        maxAttempts: 1,
    });
    const prefix = `arn:aws:ssm-contacts:${region}:${id}:contact/`;
    const arns = (letters) => letters.split(',').filter((x) => x).map((x) => prefix + x.toLowerCase());
    const letters = (ids) => (ids.length === 0 ? '[]' : ids.map((x) => (x.startsWith(prefix) ? x.slice(prefix.length).toUpperCase() : x)).join(','));
    const describe = (shift) => {
        const details = shift.ShiftDetails;
        let kind;
        if (shift.Type === 'REGULAR' && details === undefined) {
            kind = 'R';
        } else if (shift.Type === 'OVERRIDDEN' && details !== undefined) {
            kind = `O(${letters(details.OverriddenContactIds)})`;
        } else {
            kind = `${shift.Type} with ShiftDetails ${JSON.stringify(details)}`;
        }
        return `${letters(shift.ContactIds)} ${text(shift.StartTime)}→${text(shift.EndTime)} ${kind}`;
    };
    const send = (command) => client.send(command);
    for (const alias of ['a', 'b', 'c', 'd']) {
        await send(new CreateContactCommand({ Alias: alias, Type: 'PERSONAL', Plan: { Stages: [] } }));
    }
    return { id, client, send, arns, describe };
}

// Times of one vector, written MM-DDTHH:MM in 2024 UTC, moved forward by whole weeks.
function vector(weeks = 0) {
    const at = (s) => new Date(Date.parse(`2024-${s}:00Z`) + weeks * 7 * DAY);
    return {
        at,
        shift: (contacts, start, end, overridden) =>
            `${contacts || '[]'} ${text(at(start))}→${text(at(end))} ${overridden === undefined ? 'R' : `O(${overridden})`}`,
    };
}

// 2024-01-01 (a Monday) becomes a Monday 8 to 14 days from now.
const nearFuture = () => vector(Math.floor((Date.now() - FIRST_MONDAY) / DAY / 7) + 2);

function text(date) {
    const iso = new Date(date).toISOString();
    return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso;
}

async function rotation(a, letters, start, zone, recurrence, name = 'rotation') {
    const created = await a.send(new CreateRotationCommand({
        Name: name, ContactIds: a.arns(letters), StartTime: start, TimeZoneId: zone, Recurrence: recurrence,
    }));
    return created.RotationArn;
}

async function shifts(a, rotationArn, start, end, pageSize) {
    const result = [];
    const config = { client: a.client, ...(pageSize ? { pageSize } : {}) };
    for await (const page of paginateListRotationShifts(config, { RotationId: rotationArn, StartTime: start, EndTime: end })) {
        result.push(...page.RotationShifts.map(a.describe));
    }
    return result;
}

async function preview(a, input, pageSize) {
    const result = [];
    const config = { client: a.client, ...(pageSize ? { pageSize } : {}) };
    for await (const page of paginateListPreviewRotationShifts(config, input)) {
        result.push(...page.RotationShifts.map(a.describe));
    }
    return result;
}

test('vector 1: daily shifts start at the rotation start and are clipped to the query', async () => {
    const a = await account();
    const t = vector();
    const r = await rotation(a, 'A,B,C', t.at('01-01T09:00'), 'UTC', DAILY_0900);
    const expected = [
        t.shift('A', '01-01T09:00', '01-02T09:00'),
        t.shift('B', '01-02T09:00', '01-03T09:00'),
        t.shift('C', '01-03T09:00', '01-04T09:00'),
        t.shift('A', '01-04T09:00', '01-05T00:00'),
    ];
    assert.deepEqual(await shifts(a, r, t.at('01-01T00:00'), t.at('01-05T00:00')), expected);
    assert.deepEqual(await shifts(a, r, t.at('01-01T00:00'), t.at('01-05T00:00'), 1), expected);
});

test('vector 7: an override inside one shift, read back, listed and deleted', async () => {
    const a = await account();
    const t = nearFuture();
    const r = await rotation(a, 'A,B,C', t.at('01-01T09:00'), 'UTC', DAILY_0900);
    const { RotationOverrideId: id } = await a.send(new CreateRotationOverrideCommand({
        RotationId: r, NewContactIds: a.arns('C'), StartTime: t.at('01-01T12:00'), EndTime: t.at('01-01T18:00'),
    }));
    assert.deepEqual(await shifts(a, r, t.at('01-01T09:00'), t.at('01-03T09:00')), [
        t.shift('A', '01-01T09:00', '01-01T12:00'),
        t.shift('C', '01-01T12:00', '01-01T18:00', 'A'),
        t.shift('A', '01-01T18:00', '01-02T09:00'),
        t.shift('B', '01-02T09:00', '01-03T09:00'),
    ]);

    const got = await a.send(new GetRotationOverrideCommand({ RotationId: r, RotationOverrideId: id }));
    assert.equal(got.RotationArn, r);
    assert.deepEqual(got.NewContactIds, a.arns('C'));
    assert.equal(got.StartTime.getTime(), t.at('01-01T12:00').getTime());
    assert.equal(got.EndTime.getTime(), t.at('01-01T18:00').getTime());
    assert.ok(got.CreateTime instanceof Date);
    const listed = await a.send(new ListRotationOverridesCommand({ RotationId: r, StartTime: t.at('01-01T00:00'), EndTime: t.at('01-02T00:00') }));
    assert.deepEqual(listed.RotationOverrides.map((o) => o.RotationOverrideId), [id]);

    await a.send(new DeleteRotationOverrideCommand({ RotationId: r, RotationOverrideId: id }));
    assert.deepEqual(await shifts(a, r, t.at('01-01T09:00'), t.at('01-02T09:00')), [t.shift('A', '01-01T09:00', '01-02T09:00')]);
});

test('vector 9: a hand-off in the spring-forward gap moves forward', async () => {
    const a = await account();
    const t = vector();
    const r = await rotation(a, 'A,B', t.at('03-08T07:30'), 'America/New_York', DAILY_0230);
    assert.deepEqual(await shifts(a, r, t.at('03-08T00:00'), t.at('03-12T00:00')), [
        t.shift('A', '03-08T07:30', '03-09T07:30'),
        t.shift('B', '03-09T07:30', '03-10T07:30'),
        t.shift('A', '03-10T07:30', '03-11T06:30'),
        t.shift('B', '03-11T06:30', '03-12T00:00'),
    ]);
});

test('vector 18: the later override wins and an empty one leaves nobody on call', async () => {
    const a = await account();
    const t = nearFuture();
    const r = await rotation(a, 'A,B,C', t.at('01-01T09:00'), 'UTC', DAILY_0900);
    await a.send(new CreateRotationOverrideCommand({ RotationId: r, NewContactIds: a.arns('B'), StartTime: t.at('01-01T10:00'), EndTime: t.at('01-01T20:00') }));
    await a.send(new CreateRotationOverrideCommand({ RotationId: r, NewContactIds: [], StartTime: t.at('01-01T14:00'), EndTime: t.at('01-01T16:00') }));
    assert.deepEqual(await shifts(a, r, t.at('01-01T09:00'), t.at('01-02T09:00'), 2), [
        t.shift('A', '01-01T09:00', '01-01T10:00'),
        t.shift('B', '01-01T10:00', '01-01T14:00', 'A'),
        t.shift('', '01-01T14:00', '01-01T16:00', 'A'),
        t.shift('B', '01-01T16:00', '01-01T20:00', 'A'),
        t.shift('A', '01-01T20:00', '01-02T09:00'),
    ]);
});

test('previews of vectors 7 and 9 give the same shifts with plain member strings', async () => {
    const a = await account();
    const t = vector();
    assert.deepEqual(await preview(a, {
        Members: ['A', 'B', 'C'],
        RotationStartTime: t.at('01-01T09:00'),
        StartTime: t.at('01-01T09:00'),
        EndTime: t.at('01-03T09:00'),
        TimeZoneId: 'UTC',
        Recurrence: DAILY_0900,
        Overrides: [{ NewMembers: ['C'], StartTime: t.at('01-01T12:00'), EndTime: t.at('01-01T18:00') }],
    }), [
        t.shift('A', '01-01T09:00', '01-01T12:00'),
        t.shift('C', '01-01T12:00', '01-01T18:00', 'A'),
        t.shift('A', '01-01T18:00', '01-02T09:00'),
        t.shift('B', '01-02T09:00', '01-03T09:00'),
    ]);
    assert.deepEqual(await preview(a, {
        Members: ['A', 'B'],
        RotationStartTime: t.at('03-08T07:30'),
        StartTime: t.at('03-08T00:00'),
        EndTime: t.at('03-12T00:00'),
        TimeZoneId: 'America/New_York',
        Recurrence: DAILY_0230,
    }, 1), [
        t.shift('A', '03-08T07:30', '03-09T07:30'),
        t.shift('B', '03-09T07:30', '03-10T07:30'),
        t.shift('A', '03-10T07:30', '03-11T06:30'),
        t.shift('B', '03-11T06:30', '03-12T00:00'),
    ]);
});

test('a rotation is created, read back, updated, listed, guarded and deleted', async () => {
    const a = await account();
    const t = vector();
    const recurrence = {
        NumberOfOnCalls: 1,
        RecurrenceMultiplier: 1,
        MonthlySettings: [{ DayOfMonth: 31, HandOffTime: { HourOfDay: 10, MinuteOfHour: 0 } }],
        ShiftCoverages: { SAT: [{ Start: { HourOfDay: 22, MinuteOfHour: 0 }, End: { HourOfDay: 6, MinuteOfHour: 0 } }] },
    };
    const r = await rotation(a, 'B,A', t.at('01-31T10:00'), 'Europe/London', recurrence, 'js rotation');
    assert.match(r, new RegExp(`^arn:aws:ssm-contacts:${region}:${a.id}:rotation/[0-9a-f-]{36}$`));
    const got = await a.send(new GetRotationCommand({ RotationId: r }));
    assert.equal(got.Name, 'js rotation');
    assert.deepEqual(got.ContactIds, a.arns('B,A'));
    assert.equal(got.StartTime.getTime(), t.at('01-31T10:00').getTime());
    assert.equal(got.TimeZoneId, 'Europe/London');
    assert.deepEqual(got.Recurrence, recurrence);

    await a.send(new UpdateRotationCommand({ RotationId: r, ContactIds: a.arns('C'), Recurrence: DAILY_0900 }));
    const updated = await a.send(new GetRotationCommand({ RotationId: r }));
    assert.deepEqual(updated.ContactIds, a.arns('C'));
    assert.deepEqual(updated.Recurrence, DAILY_0900);
    assert.equal(updated.TimeZoneId, 'Europe/London');

    const names = [];
    for await (const page of paginateListRotations({ client: a.client, pageSize: 1 }, { RotationNamePrefix: 'js ' })) {
        names.push(...page.Rotations.map((x) => x.Name));
    }
    assert.deepEqual(names, ['js rotation']);

    await assert.rejects(
        a.send(new CreateRotationCommand({ Name: 'bad', ContactIds: a.arns('A'), TimeZoneId: 'PST', Recurrence: DAILY_0900 })),
        (e) => e instanceof ValidationException,
    );
    await assert.rejects(a.send(new DeleteContactCommand({ ContactId: a.arns('C')[0] })), (e) => {
        assert.ok(e instanceof ConflictException);
        assert.deepEqual(e.DependentEntities, [{ RelationType: 'RotationMembership', DependentResourceIds: [r] }]);
        return true;
    });

    await a.send(new CreateContactCommand({ Alias: 'oncall', Type: 'ONCALL_SCHEDULE', Plan: { Stages: [], RotationIds: [r] } }));
    const schedule = await a.send(new GetContactCommand({ ContactId: `arn:aws:ssm-contacts:${region}:${a.id}:contact/oncall` }));
    assert.deepEqual(schedule.Plan.RotationIds, [r]);

    await a.send(new DeleteRotationCommand({ RotationId: r }));
    await assert.rejects(a.send(new GetRotationCommand({ RotationId: r })), (e) => e instanceof ResourceNotFoundException);
    await a.send(new DeleteContactCommand({ ContactId: a.arns('C')[0] }));
});
