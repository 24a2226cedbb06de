import { type Check, type CheckContext, expectStatus } from './context.js';
import { ASSIGN, assignExample } from './bodies.js';
import { errorCode } from '../judge.js';

export const statefulDoubleAssign: Check = {
  name: 'stateful-double-assign',
  description:
    'an address assigned twice: the second request gets 409 VPC.0522, never a second EIP with the same address',
  stateful: true,
  needs: [ASSIGN],
  run: checkStatefulDoubleAssign,
};

async function checkStatefulDoubleAssign(ctx: CheckContext): Promise<void> {
  // Look for an address this run can take (a target kept from an earlier run may hold some already).
  const base = ctx.world.poolAddress.split('.').map(Number);
  for (let offset = 0; offset < 8; offset += 1) {
    const address = [base[0], base[1], base[2], (base[3]! + offset * 7) % 254 || 1].join('.');
    const first = await ctx.assign(assignExample(ctx.world, { public_ip_address: address }));
    if (first.response.status === 409 && errorCode(first.response.json) === 'VPC.0522') continue;
    if (first.response.status === 409 && errorCode(first.response.json) === 'VPC.0521')
      return ctx.skip(`project ${ctx.world.projectId}'s EIP quota is used up (409 VPC.0521); reset the target`);
    if (!expectStatus(ctx, first, [201], undefined, `assigning the free address ${address}`)) return;
    const second = await ctx.assign(assignExample(ctx.world, { public_ip_address: address }));
    expectStatus(ctx, second, [409], ['VPC.0522'], `assigning ${address} a second time`, 'critical');
    return;
  }
  ctx.skip(`every candidate address of pool ${ctx.world.pool} near ${ctx.world.poolAddress} is taken already`);
}
