import { randomUUID } from 'node:crypto';
import { randomHexId } from './naming.ts';
import type { ProvisionResult, ResourceProvider } from './provider.ts';

/**
 * Resource types Stratus records and otherwise ignores: Lambda functions run on this machine, so
 * the network they would be placed in on AWS does not exist here. Each gets a plausible physical
 * id (`vpc-…`, `subnet-…`, `sg-…`) and the attributes templates commonly read, so `Ref` and
 * `Fn::GetAtt` keep working. `AWS::CDK::Metadata` (CDK's usage report) is ignored the same way.
 *
 *   AWS::EC2::VPC, AWS::EC2::Subnet, AWS::EC2::SecurityGroup, AWS::EC2::SecurityGroupIngress,
 *   AWS::EC2::SecurityGroupEgress, AWS::EC2::InternetGateway, AWS::EC2::EgressOnlyInternetGateway,
 *   AWS::EC2::VPCGatewayAttachment, AWS::EC2::RouteTable, AWS::EC2::Route,
 *   AWS::EC2::SubnetRouteTableAssociation, AWS::EC2::NatGateway, AWS::EC2::EIP, AWS::EC2::VPCEndpoint,
 *   AWS::EC2::NetworkAcl, AWS::EC2::NetworkAclEntry, AWS::EC2::SubnetNetworkAclAssociation,
 *   AWS::EC2::VPCCidrBlock, AWS::EC2::SubnetCidrBlock, AWS::CDK::Metadata
 */
const IGNORED: Record<string, (props: Record<string, any>) => ProvisionResult> = {
  'AWS::EC2::VPC': (props) => {
    const id = randomHexId('vpc');
    return {
      physicalId: id,
      attributes: {
        VpcId: id,
        CidrBlock: props.CidrBlock ?? '10.0.0.0/16',
        CidrBlockAssociations: [randomHexId('vpc-cidr-assoc')],
        DefaultNetworkAcl: randomHexId('acl'),
        DefaultSecurityGroup: randomHexId('sg'),
        Ipv6CidrBlocks: [],
      },
    };
  },
  'AWS::EC2::Subnet': (props) => {
    const id = randomHexId('subnet');
    return {
      physicalId: id,
      attributes: {
        SubnetId: id,
        AvailabilityZone: props.AvailabilityZone ?? '',
        AvailabilityZoneId: '',
        CidrBlock: props.CidrBlock ?? '',
        Ipv6CidrBlocks: [],
        NetworkAclAssociationId: randomHexId('aclassoc'),
        OutpostArn: '',
        VpcId: props.VpcId ?? '',
      },
    };
  },
  'AWS::EC2::SecurityGroup': (props) => {
    const id = randomHexId('sg');
    return { physicalId: id, attributes: { GroupId: id, VpcId: props.VpcId ?? '' } };
  },
  'AWS::EC2::SecurityGroupIngress': () => withId(randomHexId('sgr')),
  'AWS::EC2::SecurityGroupEgress': () => withId(randomHexId('sgr')),
  'AWS::EC2::InternetGateway': () => {
    const id = randomHexId('igw');
    return { physicalId: id, attributes: { InternetGatewayId: id } };
  },
  'AWS::EC2::EgressOnlyInternetGateway': () => withId(randomHexId('eigw')),
  'AWS::EC2::VPCGatewayAttachment': (props) => withId(`IGW|${props.VpcId ?? randomHexId('vpc')}`),
  'AWS::EC2::RouteTable': () => {
    const id = randomHexId('rtb');
    return { physicalId: id, attributes: { RouteTableId: id } };
  },
  'AWS::EC2::Route': (props) =>
    withId(`${props.RouteTableId ?? randomHexId('rtb')}|${props.DestinationCidrBlock ?? '0.0.0.0/0'}`),
  'AWS::EC2::SubnetRouteTableAssociation': () => withId(randomHexId('rtbassoc')),
  'AWS::EC2::NatGateway': () => {
    const id = randomHexId('nat');
    return { physicalId: id, attributes: { NatGatewayId: id } };
  },
  'AWS::EC2::EIP': () => {
    const ip = `198.51.100.${1 + Math.floor(Math.random() * 254)}`;
    return { physicalId: ip, attributes: { AllocationId: randomHexId('eipalloc'), PublicIp: ip } };
  },
  'AWS::EC2::VPCEndpoint': () => {
    const id = randomHexId('vpce');
    return {
      physicalId: id,
      attributes: {
        Id: id,
        CreationTimestamp: new Date().toISOString(),
        DnsEntries: [],
        NetworkInterfaceIds: [],
      },
    };
  },
  'AWS::EC2::NetworkAcl': () => withId(randomHexId('acl')),
  'AWS::EC2::NetworkAclEntry': () => withId(randomHexId('aclentry')),
  'AWS::EC2::SubnetNetworkAclAssociation': () => {
    const id = randomHexId('aclassoc');
    return { physicalId: id, attributes: { AssociationId: id } };
  },
  'AWS::EC2::VPCCidrBlock': () => withId(randomHexId('vpc-cidr-assoc')),
  'AWS::EC2::SubnetCidrBlock': () => withId(randomHexId('subnet-cidr-assoc')),
  'AWS::CDK::Metadata': () => ({ physicalId: randomUUID(), attributes: {} }),
};

function withId(id: string): ProvisionResult {
  return { physicalId: id, attributes: { Id: id } };
}

/** A provider that only records: create invents ids, update keeps them, delete does nothing. */
export function ignoredTypeProvider(type: string): ResourceProvider | undefined {
  const create = IGNORED[type];
  if (!create) return undefined;
  return {
    create: async (props) => create(props),
    update: async (physicalId) => ({ physicalId }),
    delete: async () => {},
  };
}
