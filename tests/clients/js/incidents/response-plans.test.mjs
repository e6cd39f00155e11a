// AWS SDK for JavaScript v3 drives Callout's response plans, their resource policies and the
// ssm-incidents tag operations (rest-json); ssm-contacts makes the contact a plan engages.
//   CALLOUT_ENDPOINT=http://127.0.0.1:5000 node --test incidents/
// Under `--auth off` each test works in an account of its own. Against a `--auth strict` server,
// CALLOUT_STRICT_KEY, CALLOUT_STRICT_SECRET and CALLOUT_STRICT_ACCOUNT name a configured credential;
// the tests then share that account, so plan names are unique and each test deletes its plans. Under
// strict auth the tag calls check the signature over a path holding a percent-encoded ARN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import {
    ConflictException,
    CreateResponsePlanCommand,
    DeleteResourcePolicyCommand,
    DeleteResponsePlanCommand,
    GetResponsePlanCommand,
    ListTagsForResourceCommand,
    PutResourcePolicyCommand,
    ResourceNotFoundException,
    SSMIncidentsClient,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateResponsePlanCommand,
    ValidationException,
    paginateGetResourcePolicies,
    paginateListResponsePlans,
} from '@aws-sdk/client-ssm-incidents';
import { CreateContactCommand, DeleteContactCommand, SSMContactsClient } from '@aws-sdk/client-ssm-contacts';

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

const options = ({ key, secret }, region) => ({
    region, endpoint, credentials: { accessKeyId: key, secretAccessKey: secret }, maxAttempts: 1,
});
const incidents = (c, region = 'us-east-1') => new SSMIncidentsClient(options(c, region));
const contacts = (c, region = 'us-east-1') => new SSMContactsClient(options(c, region));
const unique = (prefix) => `${prefix}-${randomUUID().slice(0, 8)}`;

test('a response plan lives through create, get, paginator, update, policies, tags and delete', async () => {
    const c = credential();
    const client = incidents(c);
    const alias = unique('dba');
    const { ContactArn: dba } = await contacts(c).send(new CreateContactCommand({ Alias: alias, Type: 'PERSONAL', Plan: { Stages: [] } }));
    const names = [unique('js-a'), unique('js-b'), unique('js-c')].sort();
    const arns = [];
    try {
        for (const name of names) {
            const created = await client.send(new CreateResponsePlanCommand({
                name,
                incidentTemplate: { title: 'Database down', impact: 2, incidentTags: { team: 'data' } },
                engagements: [dba],
                chatChannel: { chatbotSns: ['arn:aws:sns:us-east-1:111122223333:chat'] },
                tags: { owner: 'ops' },
            }));
            assert.equal(created.$metadata.httpStatusCode, 201);
            assert.equal(created.arn, `arn:aws:ssm-incidents::${c.account}:response-plan/${name}`);
            arns.push(created.arn);
        }
        const [arn] = arns;

        const plan = await client.send(new GetResponsePlanCommand({ arn }));
        assert.deepEqual(plan.incidentTemplate, { title: 'Database down', impact: 2, incidentTags: { team: 'data' } });
        assert.deepEqual(plan.engagements, [dba]);
        assert.deepEqual(plan.chatChannel, { chatbotSns: ['arn:aws:sns:us-east-1:111122223333:chat'] });

        const listed = [];
        for await (const page of paginateListResponsePlans({ client, pageSize: 1 }, {})) {
            listed.push(...page.responsePlanSummaries.map((s) => s.name));
        }
        assert.deepEqual(listed.filter((n) => names.includes(n)), names);

        await assert.rejects(incidents(c, 'eu-west-1').send(new CreateResponsePlanCommand({ name: names[0], incidentTemplate: { title: 't', impact: 3 } })),
            (e) => e instanceof ConflictException && e.resourceIdentifier === arn && e.$metadata.httpStatusCode === 409);

        const updated = await client.send(new UpdateResponsePlanCommand({ arn, incidentTemplateImpact: 1, engagements: [], chatChannel: { empty: {} } }));
        assert.equal(updated.$metadata.httpStatusCode, 204);
        const after = await client.send(new GetResponsePlanCommand({ arn }));
        assert.equal(after.incidentTemplate.impact, 1);
        assert.equal(after.engagements, undefined);
        assert.equal(after.chatChannel, undefined);

        const ids = [];
        for (const sid of ['a', 'b', 'c']) {
            ids.push((await client.send(new PutResourcePolicyCommand({ resourceArn: arn, policy: JSON.stringify({ Statement: [{ Sid: sid }] }) }))).policyId);
        }
        const policies = [];
        for await (const page of paginateGetResourcePolicies({ client, pageSize: 2 }, { resourceArn: arn })) {
            policies.push(...page.resourcePolicies.map((p) => p.policyId));
        }
        assert.deepEqual(policies, ids);
        await client.send(new DeleteResourcePolicyCommand({ resourceArn: arn, policyId: ids[0] }));
        await assert.rejects(client.send(new PutResourcePolicyCommand({ resourceArn: arn, policy: 'not json' })),
            (e) => e instanceof ValidationException && e.$metadata.httpStatusCode === 400);

        const tagged = await client.send(new TagResourceCommand({ resourceArn: arn, tags: { tier: '1' } }));
        assert.equal(tagged.$metadata.httpStatusCode, 204);
        await incidents(c, 'ap-south-1').send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['owner'] }));
        const { tags } = await incidents(c, 'eu-west-1').send(new ListTagsForResourceCommand({ resourceArn: arn }));
        assert.deepEqual(tags, { tier: '1' });
        await assert.rejects(client.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:ssm-incidents::123456789012:response-plan/theirs' })),
            (e) => e instanceof ResourceNotFoundException && e.$metadata.httpStatusCode === 404);

        const deleted = await client.send(new DeleteResponsePlanCommand({ arn }));
        assert.equal(deleted.$metadata.httpStatusCode, 204);
        await client.send(new DeleteResponsePlanCommand({ arn }));
        await assert.rejects(client.send(new GetResponsePlanCommand({ arn })), (e) => e instanceof ResourceNotFoundException);
    } finally {
        for (const arn of arns) {
            await incidents(c).send(new DeleteResponsePlanCommand({ arn })).catch(() => {});
        }
        await contacts(c).send(new DeleteContactCommand({ ContactId: dba })).catch(() => {});
    }
});
