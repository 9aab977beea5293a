import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import type { Stratus } from '../../src/stratus.ts';
import { startStratus } from '../support/stratus.ts';
import { cloudFormation, outputs, parameter } from './helpers.ts';

describe('CloudFormation network-only resource types', () => {
  let stratus: Stratus;
  let out: Record<string, string>;
  before(async () => {
    stratus = await startStratus();
    const template = {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } },
        Subnet: {
          Type: 'AWS::EC2::Subnet',
          Properties: {
            VpcId: { Ref: 'Vpc' },
            CidrBlock: '10.1.0.0/24',
            AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
          },
        },
        Group: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: { GroupDescription: 'g', VpcId: { Ref: 'Vpc' } },
        },
        Ingress: {
          Type: 'AWS::EC2::SecurityGroupIngress',
          Properties: {
            GroupId: { 'Fn::GetAtt': ['Group', 'GroupId'] },
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
          },
        },
        Gateway: { Type: 'AWS::EC2::InternetGateway' },
        Attachment: {
          Type: 'AWS::EC2::VPCGatewayAttachment',
          Properties: { VpcId: { Ref: 'Vpc' }, InternetGatewayId: { Ref: 'Gateway' } },
        },
        Routes: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
        Endpoint: {
          Type: 'AWS::EC2::VPCEndpoint',
          Properties: { VpcId: { Ref: 'Vpc' }, ServiceName: 'com.amazonaws.us-east-1.s3' },
        },
        CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:x' } },
        UsesNetwork: parameter({ 'Fn::Join': [',', [{ Ref: 'Subnet' }, { Ref: 'Group' }]] }),
      },
      Outputs: {
        Vpc: { Value: { Ref: 'Vpc' } },
        Subnet: { Value: { Ref: 'Subnet' } },
        SubnetVpc: { Value: { 'Fn::GetAtt': ['Subnet', 'VpcId'] } },
        Group: { Value: { 'Fn::GetAtt': ['Group', 'GroupId'] } },
        GroupRef: { Value: { Ref: 'Group' } },
        DefaultGroup: { Value: { 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] } },
        Cidr: { Value: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } },
        Gateway: { Value: { Ref: 'Gateway' } },
        Endpoint: { Value: { Ref: 'Endpoint' } },
      },
    };
    const stack = await stratus.cloudformation.deployTemplate(template, { stackName: 'network' });
    assert.equal(stack.status, 'CREATE_COMPLETE');
    out = await outputs(stratus, 'network');
  });
  after(() => stratus.stop());

  it('gives them plausible physical ids that Ref and Fn::GetAtt return', () => {
    assert.match(out.Vpc, /^vpc-[0-9a-f]{17}$/);
    assert.match(out.Subnet, /^subnet-[0-9a-f]{17}$/);
    assert.match(out.Group, /^sg-[0-9a-f]{17}$/);
    assert.equal(out.GroupRef, out.Group);
    assert.equal(out.SubnetVpc, out.Vpc);
    assert.match(out.DefaultGroup, /^sg-/);
    assert.equal(out.Cidr, '10.1.0.0/16');
    assert.match(out.Gateway, /^igw-/);
    assert.match(out.Endpoint, /^vpce-/);
  });

  it('records them as stack resources', async () => {
    const { StackResourceSummaries } = await cloudFormation(stratus).send(
      new ListStackResourcesCommand({ StackName: 'network' }),
    );
    const vpc = StackResourceSummaries!.find((r) => r.LogicalResourceId === 'Vpc')!;
    assert.equal(vpc.ResourceType, 'AWS::EC2::VPC');
    assert.equal(vpc.ResourceStatus, 'CREATE_COMPLETE');
    assert.equal(vpc.PhysicalResourceId, out.Vpc);
    assert.equal(StackResourceSummaries!.length, 10);
  });

  it('keeps their ids across updates and deletes them without error', async () => {
    const stack = stratus.cloudformation.store.findStack('000000000000', 'us-east-1', 'network')!;
    const template = structuredClone(stack.template) as any;
    template.Resources.Vpc.Properties.EnableDnsSupport = true;
    const updated = await stratus.cloudformation.deployTemplate(template, { stackName: 'network' });
    assert.equal(updated.status, 'UPDATE_COMPLETE');
    assert.equal((await outputs(stratus, 'network')).Vpc, out.Vpc);
    assert.equal((await stratus.cloudformation.deleteStack('network')).status, 'DELETE_COMPLETE');
  });
});
