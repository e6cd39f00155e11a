// AWS SDK for JavaScript v3 drives Callout's SSM Incidents replication set operations, and the
// incidents, timelines and related items that need one, with their paginators (rest-json). They
// share this file so that under `--auth strict`, where every test has the one account, no two
// replication sets are ever wanted at once.
//   CALLOUT_ENDPOINT=http://127.0.0.1:5000 node --test incidents/
// Under `--auth off` each test works in an account of its own (a random 12-digit access key is the
// account, docs/spec/protocol.md §5). Against a `--auth strict` server, CALLOUT_STRICT_KEY,
// CALLOUT_STRICT_SECRET and CALLOUT_STRICT_ACCOUNT name a configured credential; the tests then share
// that account, so each removes the set it made, and a wrong secret must be refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import {
    BatchGetIncidentFindingsCommand,
    ConflictException,
    CreateReplicationSetCommand,
    CreateResponsePlanCommand,
    CreateTimelineEventCommand,
    DeleteIncidentRecordCommand,
    DeleteReplicationSetCommand,
    DeleteResponsePlanCommand,
    DeleteTimelineEventCommand,
    GetIncidentRecordCommand,
    GetReplicationSetCommand,
    GetTimelineEventCommand,
    ListIncidentFindingsCommand,
    ResourceNotFoundException,
    SSMIncidentsClient,
    StartIncidentCommand,
    UpdateDeletionProtectionCommand,
    UpdateIncidentRecordCommand,
    UpdateRelatedItemsCommand,
    UpdateReplicationSetCommand,
    UpdateTimelineEventCommand,
    ValidationException,
    paginateListIncidentRecords,
    paginateListRelatedItems,
    paginateListReplicationSets,
    paginateListTimelineEvents,
    waitUntilWaitForReplicationSetActive,
    waitUntilWaitForReplicationSetDeleted,
} from '@aws-sdk/client-ssm-incidents';

const endpoint = process.env.CALLOUT_ENDPOINT?.replace(/\/+$/, '');
if (!endpoint) {
    throw new Error('set CALLOUT_ENDPOINT to the server URL');
}
const strict = Boolean(process.env.CALLOUT_STRICT_SECRET);

function credential() {
    if (strict) {
        return { key: process.env.CALLOUT_STRICT_KEY, secret: process.env.CALLOUT_STRICT_SECRET, account: process.env.CALLOUT_STRICT_ACCOUNT };
    }
    const account = String(randomInt(200_000_000_000, 999_999_999_999));
    return { key: account, secret: 'x', account };
}

const incidents = ({ key, secret }, region = 'us-east-1') => new SSMIncidentsClient({
    region,
    endpoint,
    credentials: { accessKeyId: key, secretAccessKey: secret },
    maxAttempts: 1,
});

test('a replication set lives through create, waiter, paginator, update, protection and delete', { concurrency: false }, async () => {
    const c = credential();
    const client = incidents(c);

    const created = await client.send(new CreateReplicationSetCommand({ regions: { 'us-east-1': {} } }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.arn, new RegExp(`^arn:aws:ssm-incidents::${c.account}:replication-set/[0-9a-f-]{36}$`));
    const arn = created.arn;
    try {
        await waitUntilWaitForReplicationSetActive({ client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { arn });
        const { replicationSet } = await client.send(new GetReplicationSetCommand({ arn }));
        assert.equal(replicationSet.status, 'ACTIVE');
        assert.ok(replicationSet.createdTime instanceof Date);
        assert.equal(replicationSet.regionMap['us-east-1'].status, 'ACTIVE');

        const listed = [];
        for await (const page of paginateListReplicationSets({ client, pageSize: 1 }, {})) {
            listed.push(...page.replicationSetArns);
        }
        assert.deepEqual(listed, [arn]);

        await assert.rejects(
            incidents(c, 'eu-west-1').send(new CreateReplicationSetCommand({ regions: { 'eu-west-1': {} } })),
            (e) => e instanceof ConflictException && e.resourceIdentifier === arn && e.$metadata.httpStatusCode === 409);

        const updated = await client.send(new UpdateReplicationSetCommand({ arn, actions: [{ addRegionAction: { regionName: 'eu-west-1' } }] }));
        assert.equal(updated.$metadata.httpStatusCode, 204);
        const after = await client.send(new GetReplicationSetCommand({ arn }));
        assert.deepEqual(Object.keys(after.replicationSet.regionMap).sort(), ['eu-west-1', 'us-east-1']);

        await client.send(new UpdateDeletionProtectionCommand({ arn, deletionProtected: true }));
        await assert.rejects(client.send(new DeleteReplicationSetCommand({ arn })),
            (e) => e instanceof ValidationException && /protected from deletion/.test(e.message));
        await client.send(new UpdateDeletionProtectionCommand({ arn, deletionProtected: false }));
    } finally {
        await client.send(new UpdateDeletionProtectionCommand({ arn, deletionProtected: false })).catch(() => {});
        await client.send(new DeleteReplicationSetCommand({ arn })).catch(() => {});
    }

    await waitUntilWaitForReplicationSetDeleted({ client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { arn });
    await assert.rejects(client.send(new GetReplicationSetCommand({ arn })),
        (e) => e instanceof ResourceNotFoundException && e.$metadata.httpStatusCode === 404);
});

test('an incident starts, dedupes, keeps a timeline and related items, pages, and resolves', { concurrency: false }, async () => {
    const c = credential();
    const client = incidents(c);
    const setArn = (await client.send(new CreateReplicationSetCommand({ regions: { 'us-east-1': {} } }))).arn;
    const planName = `js-${randomUUID().slice(0, 8)}`;
    let plan;
    const made = [];
    try {
        plan = (await client.send(new CreateResponsePlanCommand({
            name: planName,
            incidentTemplate: { title: 'Cache down', impact: 3, summary: 'Look at the cache' },
        }))).arn;
        const triggerDetails = {
            source: 'callout.js',
            timestamp: new Date('2024-05-01T12:00:00Z'),
            triggerArn: `arn:aws:cloudwatch:us-east-1:${c.account}:alarm:${randomUUID()}`,
        };
        const start = (extra = {}) => client.send(new StartIncidentCommand({ responsePlanArn: plan, ...extra }))
            .then((r) => { made.push(r.incidentRecordArn); return r.incidentRecordArn; });

        const arn = await start({
            title: 'Cache down in us-east-1',
            impact: 2,
            triggerDetails,
            relatedItems: [{ identifier: { type: 'OTHER', value: { url: 'https://runbook.example/cache' } }, title: 'Runbook' }],
        });
        assert.match(arn, new RegExp(`^arn:aws:ssm-incidents::${c.account}:incident-record/${planName}/[0-9a-f-]{36}$`));
        assert.equal(await start({ triggerDetails }), arn);
        const other = await start({ impact: 5 });

        const { incidentRecord } = await client.send(new GetIncidentRecordCommand({ arn }));
        assert.equal(incidentRecord.status, 'OPEN');
        assert.equal(incidentRecord.title, 'Cache down in us-east-1');
        assert.equal(incidentRecord.dedupeString, triggerDetails.triggerArn);
        assert.equal(incidentRecord.incidentRecordSource.source, 'callout.js');
        assert.ok(incidentRecord.creationTime instanceof Date);

        const listed = [];
        for await (const page of paginateListIncidentRecords({ client, pageSize: 1 }, {
            filters: [{ key: 'impact', condition: { equals: { integerValues: [2, 5] } } }],
        })) {
            listed.push(...page.incidentRecordSummaries.map((s) => s.arn));
        }
        assert.deepEqual(listed.filter((a) => made.includes(a)), [other, arn]);

        const note = await client.send(new CreateTimelineEventCommand({
            incidentRecordArn: arn, eventTime: new Date('2020-01-01T00:00:00Z'), eventType: 'Note', eventData: 'Restarted the cache',
        }));
        assert.equal(note.$metadata.httpStatusCode, 201);
        await client.send(new UpdateTimelineEventCommand({ incidentRecordArn: arn, eventId: note.eventId, eventData: 'Restarted twice' }));
        const { event } = await client.send(new GetTimelineEventCommand({ incidentRecordArn: arn, eventId: note.eventId }));
        assert.equal(event.eventData, 'Restarted twice');
        assert.ok(event.eventTime instanceof Date);
        const types = [];
        for await (const page of paginateListTimelineEvents({ client, pageSize: 1 }, { incidentRecordArn: arn, sortBy: 'EVENT_TIME', sortOrder: 'ASCENDING' })) {
            types.push(...page.eventSummaries.map((e) => e.eventType));
        }
        assert.deepEqual(types, ['Note', 'Callout Incident Created', 'Callout Incident Deduplicated']);
        await assert.rejects(client.send(new CreateTimelineEventCommand({
            incidentRecordArn: arn, eventTime: new Date(), eventType: 'Callout Page Sent', eventData: 'forged',
        })), (e) => e instanceof ValidationException && e.$metadata.httpStatusCode === 400);
        const deleted = await client.send(new DeleteTimelineEventCommand({ incidentRecordArn: arn, eventId: note.eventId }));
        assert.equal(deleted.$metadata.httpStatusCode, 204);

        const dashboard = { identifier: { type: 'METRIC', value: { url: 'https://grafana.example/d/cache' } }, title: 'Dashboard' };
        await client.send(new UpdateRelatedItemsCommand({ incidentRecordArn: arn, relatedItemsUpdate: { itemToAdd: dashboard } }));
        await assert.rejects(client.send(new UpdateRelatedItemsCommand({ incidentRecordArn: arn, relatedItemsUpdate: { itemToAdd: dashboard } })),
            (e) => e instanceof ConflictException && e.$metadata.httpStatusCode === 409);
        const titles = [];
        for await (const page of paginateListRelatedItems({ client, pageSize: 1 }, { incidentRecordArn: arn })) {
            titles.push(...page.relatedItems.map((i) => i.title));
        }
        assert.deepEqual(titles, ['Runbook', 'Dashboard']);

        assert.deepEqual((await client.send(new ListIncidentFindingsCommand({ incidentRecordArn: arn }))).findings, []);
        assert.deepEqual((await client.send(new BatchGetIncidentFindingsCommand({ incidentRecordArn: arn, findingIds: ['f1'] }))).findings, []);

        const resolved = await client.send(new UpdateIncidentRecordCommand({ arn, status: 'RESOLVED' }));
        assert.equal(resolved.$metadata.httpStatusCode, 204);
        const after = (await client.send(new GetIncidentRecordCommand({ arn }))).incidentRecord;
        assert.equal(after.status, 'RESOLVED');
        assert.ok(after.resolvedTime instanceof Date);

        await assert.rejects(start({ triggerDetails: { source: 'aws.cloudwatch', timestamp: new Date() } }),
            (e) => e instanceof ValidationException && /aws\.cloudwatch/.test(e.message));
        const absent = `arn:aws:ssm-incidents::${c.account}:incident-record/${planName}/00000000-0000-0000-0000-000000000000`;
        await assert.rejects(client.send(new GetIncidentRecordCommand({ arn: absent })),
            (e) => e instanceof ResourceNotFoundException && e.resourceType === 'INCIDENT_RECORD');
    } finally {
        for (const arn of made) {
            await client.send(new DeleteIncidentRecordCommand({ arn })).catch(() => {});
        }
        if (plan) {
            await client.send(new DeleteResponsePlanCommand({ arn: plan })).catch(() => {});
        }
        await client.send(new DeleteReplicationSetCommand({ arn: setArn })).catch(() => {});
    }
});

test('a wrong secret is refused', { skip: !strict }, async () => {
    const c = credential();
    await assert.rejects(incidents({ ...c, secret: 'wrong-secret' }).send(new GetReplicationSetCommand({ arn: `arn:aws:ssm-incidents::${c.account}:replication-set/x` })),
        (e) => e.name === 'InvalidSignatureException' && e.$metadata.httpStatusCode === 403);
});
