import { type Check, type CheckContext, expectStatus } from './context.js';
import { bindExample, assignExample } from './bodies.js';

export const projectIsolation: Check = {
  name: 'project-isolation',
  description:
    "a credential of one project cannot act on another project, and one project's NIC is invisible from another",
  stateful: true,
  run: checkProjectIsolation,
};

async function checkProjectIsolation(ctx: CheckContext): Promise<void> {
  const other = ctx.world.other;
  if (!other) return ctx.skip('the fixtures name no second project with a credential');
  const crossing = await ctx.bind(bindExample(ctx.world), { auth: other.auth });
  expectStatus(
    ctx,
    crossing,
    [400, 401, 403],
    ['Ecs.0023', 'APIGW.0301', 'Ecs.0003', 'Common.0018'],
    `a credential of project ${other.projectId} on project ${ctx.world.projectId}`,
    'critical',
  );
  const crossingEip = await ctx.assign(assignExample(ctx.world), { auth: other.auth });
  expectStatus(
    ctx,
    crossingEip,
    [400, 401, 403],
    ['VPC.0007', 'APIGW.0301', 'VPC.0502', 'VPC.2701'],
    `a credential of project ${other.projectId} assigning in project ${ctx.world.projectId}`,
    'critical',
  );
  const invisible = await ctx.bind(bindExample(ctx.world), { projectId: other.projectId, auth: other.auth });
  expectStatus(
    ctx,
    invisible,
    [404],
    ['Ecs.0307'],
    `project ${other.projectId} asking for NIC ${ctx.world.nicId} of project ${ctx.world.projectId}`,
    'critical',
  );
}
