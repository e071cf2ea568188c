package permissions

// A Tier is how much control over a tenant a permission gives, in the
// Enterprise Access Model's terms as EntraOps classifies first-party
// permissions: an opinion of the EntraOps maintainer, not Microsoft data,
// which changes between its versions (permissions/data/SOURCES.md).
type Tier uint8

const (
	// TierUnknown: the classification has no tier for the permission.
	TierUnknown Tier = iota
	// TierControlPlane permissions can take control of the tenant or its
	// identities: grant roles or permissions, add credentials to apps,
	// change policies (RoleManagement.ReadWrite.Directory,
	// AppRoleAssignment.ReadWrite.All, Application.ReadWrite.All).
	TierControlPlane
	// TierManagementPlane permissions manage workloads and their data
	// without control of identities.
	TierManagementPlane
	// TierUserAccess permissions reach what users reach.
	TierUserAccess
)

// String is the tier's name as EntraOps writes it ("ControlPlane"), or
// "unknown".
func (t Tier) String() string {
	switch t {
	case TierControlPlane:
		return "ControlPlane"
	case TierManagementPlane:
		return "ManagementPlane"
	case TierUserAccess:
		return "UserAccess"
	}
	return "unknown"
}
