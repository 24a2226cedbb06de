import { type Check, type CheckContext, expectStatus } from './context.js';
import { ASSIGN, assignExample, BIND, bindExample, UNBIND } from './bodies.js';

/** A NIC ID no project has. */
const NO_SUCH_NIC = '00000000-0000-4000-8000-00000000dead';

export const projectIsolation: Check = {
  name: 'project-isolation',
  description:
    "a credential of one project cannot act on another project, and one project's NIC is invisible from another",
  stateful: true,
  needs: [BIND, ASSIGN],
  run: checkProjectIsolation,
};

async function checkProjectIsolation(ctx: CheckContext): Promise<void> {
  const other = ctx.world.other;
  if (!other) return ctx.skip('the fixtures name no second project with a credential');
  // The second project's credential must be one the target accepts. Asked, in its own project, for a NIC that
  // exists nowhere, it gets 404; a 401 means the target does not know it (the default fixtures' credential
  // against a target with credentials of its own), and the check cannot be carried out with it.
  const own = await ctx.bind(UNBIND, { projectId: other.projectId, nicId: NO_SUCH_NIC, auth: other.auth });
  if (own.response.status === 401) {
    return ctx.skip(
      `the target does not accept the credential of the second project ${other.projectId} (401 on its own project); give --fixtures naming a second project with a credential the target accepts`,
    );
  }
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
