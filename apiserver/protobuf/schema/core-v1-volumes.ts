// Protobuf field tables of k8s.io/api/core/v1: the volume part (Volume and its sources, PersistentVolumeClaim).
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const coreV1Volumes = defineSchema({
  package: 'k8s.io.api.core.v1',
  messages: {
    Volume: ['1 name string', '2 - VolumeSource i'],
    VolumeSource: [
      '1 hostPath HostPathVolumeSource po', '2 emptyDir EmptyDirVolumeSource po',
      '3 gcePersistentDisk GCEPersistentDiskVolumeSource po', '4 awsElasticBlockStore AWSElasticBlockStoreVolumeSource po',
      '5 gitRepo GitRepoVolumeSource po', '6 secret SecretVolumeSource po', '7 nfs NFSVolumeSource po',
      '8 iscsi ISCSIVolumeSource po', '9 glusterfs GlusterfsVolumeSource po',
      '10 persistentVolumeClaim PersistentVolumeClaimVolumeSource po', '11 rbd RBDVolumeSource po',
      '12 flexVolume FlexVolumeSource po', '13 cinder CinderVolumeSource po', '14 cephfs CephFSVolumeSource po',
      '15 flocker FlockerVolumeSource po', '16 downwardAPI DownwardAPIVolumeSource po', '17 fc FCVolumeSource po',
      '18 azureFile AzureFileVolumeSource po', '19 configMap ConfigMapVolumeSource po',
      '20 vsphereVolume VsphereVirtualDiskVolumeSource po', '21 quobyte QuobyteVolumeSource po',
      '22 azureDisk AzureDiskVolumeSource po', '23 photonPersistentDisk PhotonPersistentDiskVolumeSource po',
      '26 projected ProjectedVolumeSource po', '24 portworxVolume PortworxVolumeSource po',
      '25 scaleIO ScaleIOVolumeSource po', '27 storageos StorageOSVolumeSource po', '28 csi CSIVolumeSource po',
      '29 ephemeral EphemeralVolumeSource po', '30 image ImageVolumeSource po',
    ],
    HostPathVolumeSource: ['1 path string', '2 type string po'],
    EmptyDirVolumeSource: ['1 medium string o', '2 sizeLimit resource.Quantity po'],
    GCEPersistentDiskVolumeSource: ['1 pdName string', '2 fsType string o', '3 partition int32 o', '4 readOnly bool o'],
    AWSElasticBlockStoreVolumeSource: ['1 volumeID string', '2 fsType string o', '3 partition int32 o', '4 readOnly bool o'],
    GitRepoVolumeSource: ['1 repository string', '2 revision string o', '3 directory string o'],
    SecretVolumeSource: ['1 secretName string o', '2 items []KeyToPath o', '3 defaultMode int32 po', '4 optional bool po'],
    KeyToPath: ['1 key string', '2 path string', '3 mode int32 po'],
    NFSVolumeSource: ['1 server string', '2 path string', '3 readOnly bool o'],
    ISCSIVolumeSource: [
      '1 targetPortal string', '2 iqn string', '3 lun int32', '4 iscsiInterface string o', '5 fsType string o',
      '6 readOnly bool o', '7 portals []string o', '8 chapAuthDiscovery bool o', '11 chapAuthSession bool o',
      '10 secretRef LocalObjectReference po', '12 initiatorName string po',
    ],
    GlusterfsVolumeSource: ['1 endpoints string', '2 path string', '3 readOnly bool o'],
    PersistentVolumeClaimVolumeSource: ['1 claimName string', '2 readOnly bool o'],
    RBDVolumeSource: [
      '1 monitors []string', '2 image string', '3 fsType string o', '4 pool string o', '5 user string o', '6 keyring string o',
      '7 secretRef LocalObjectReference po', '8 readOnly bool o',
    ],
    FlexVolumeSource: [
      '1 driver string', '2 fsType string o', '3 secretRef LocalObjectReference po', '4 readOnly bool o',
      '5 options map<string,string> o',
    ],
    CinderVolumeSource: ['1 volumeID string', '2 fsType string o', '3 readOnly bool o', '4 secretRef LocalObjectReference po'],
    CephFSVolumeSource: [
      '1 monitors []string', '2 path string o', '3 user string o', '4 secretFile string o',
      '5 secretRef LocalObjectReference po', '6 readOnly bool o',
    ],
    FlockerVolumeSource: ['1 datasetName string o', '2 datasetUUID string o'],
    DownwardAPIVolumeSource: ['1 items []DownwardAPIVolumeFile o', '2 defaultMode int32 po'],
    DownwardAPIVolumeFile: [
      '1 path string', '2 fieldRef ObjectFieldSelector po', '3 resourceFieldRef ResourceFieldSelector po', '4 mode int32 po',
    ],
    FCVolumeSource: ['1 targetWWNs []string o', '2 lun int32 po', '3 fsType string o', '4 readOnly bool o', '5 wwids []string o'],
    AzureFileVolumeSource: ['1 secretName string', '2 shareName string', '3 readOnly bool o'],
    ConfigMapVolumeSource: [
      '1 - LocalObjectReference i', '2 items []KeyToPath o', '3 defaultMode int32 po', '4 optional bool po',
    ],
    VsphereVirtualDiskVolumeSource: [
      '1 volumePath string', '2 fsType string o', '3 storagePolicyName string o', '4 storagePolicyID string o',
    ],
    QuobyteVolumeSource: [
      '1 registry string', '2 volume string', '3 readOnly bool o', '4 user string o', '5 group string o', '6 tenant string o',
    ],
    AzureDiskVolumeSource: [
      '1 diskName string', '2 diskURI string', '3 cachingMode string po', '4 fsType string po', '5 readOnly bool po',
      '6 kind string po',
    ],
    PhotonPersistentDiskVolumeSource: ['1 pdID string', '2 fsType string o'],
    ProjectedVolumeSource: ['1 sources []VolumeProjection', '2 defaultMode int32 po'],
    VolumeProjection: [
      '1 secret SecretProjection po', '2 downwardAPI DownwardAPIProjection po', '3 configMap ConfigMapProjection po',
      '4 serviceAccountToken ServiceAccountTokenProjection po', '5 clusterTrustBundle ClusterTrustBundleProjection po',
      '6 podCertificate PodCertificateProjection po',
    ],
    SecretProjection: ['1 - LocalObjectReference i', '2 items []KeyToPath o', '4 optional bool po'],
    DownwardAPIProjection: ['1 items []DownwardAPIVolumeFile o'],
    ConfigMapProjection: ['1 - LocalObjectReference i', '2 items []KeyToPath o', '4 optional bool po'],
    ServiceAccountTokenProjection: ['1 audience string o', '2 expirationSeconds int64 po', '3 path string'],
    ClusterTrustBundleProjection: [
      '1 name string po', '2 signerName string po', '3 labelSelector meta.LabelSelector po', '5 optional bool po',
      '4 path string',
    ],
    PodCertificateProjection: [
      '1 signerName string o', '2 keyType string o', '3 maxExpirationSeconds int32 po', '4 credentialBundlePath string o',
      '5 keyPath string o', '6 certificateChainPath string o', '7 userAnnotations map<string,string> o',
    ],
    PortworxVolumeSource: ['1 volumeID string', '2 fsType string o', '3 readOnly bool o'],
    ScaleIOVolumeSource: [
      '1 gateway string', '2 system string', '3 secretRef LocalObjectReference p', '4 sslEnabled bool o',
      '5 protectionDomain string o', '6 storagePool string o', '7 storageMode string o', '8 volumeName string o',
      '9 fsType string o', '10 readOnly bool o',
    ],
    StorageOSVolumeSource: [
      '1 volumeName string o', '2 volumeNamespace string o', '3 fsType string o', '4 readOnly bool o',
      '5 secretRef LocalObjectReference po',
    ],
    CSIVolumeSource: [
      '1 driver string', '2 readOnly bool po', '3 fsType string po', '4 volumeAttributes map<string,string> o',
      '5 nodePublishSecretRef LocalObjectReference po',
    ],
    EphemeralVolumeSource: ['1 volumeClaimTemplate PersistentVolumeClaimTemplate po'],
    PersistentVolumeClaimTemplate: ['1 metadata meta.ObjectMeta o', '2 spec PersistentVolumeClaimSpec'],
    PersistentVolumeClaimSpec: [
      '1 accessModes []string o', '4 selector meta.LabelSelector po', '2 resources VolumeResourceRequirements o',
      '3 volumeName string o', '5 storageClassName string po', '6 volumeMode string po',
      '7 dataSource TypedLocalObjectReference po', '8 dataSourceRef TypedObjectReference po',
      '9 volumeAttributesClassName string po',
    ],
    VolumeResourceRequirements: ['1 limits map<string,resource.Quantity> o', '2 requests map<string,resource.Quantity> o'],
    TypedLocalObjectReference: ['1 apiGroup string p', '2 kind string', '3 name string'],
    TypedObjectReference: ['1 apiGroup string p', '2 kind string', '3 name string', '4 namespace string po'],
    ImageVolumeSource: ['1 reference string o', '2 pullPolicy string o'],
    PersistentVolumeClaim: [
      '1 metadata meta.ObjectMeta o', '2 spec PersistentVolumeClaimSpec o', '3 status PersistentVolumeClaimStatus o',
    ],
    PersistentVolumeClaimStatus: [
      '1 phase string o', '2 accessModes []string o', '3 capacity map<string,resource.Quantity> o',
      '4 conditions []PersistentVolumeClaimCondition o', '5 allocatedResources map<string,resource.Quantity> o',
      '7 allocatedResourceStatuses map<string,string> o', '8 currentVolumeAttributesClassName string po',
      '9 modifyVolumeStatus ModifyVolumeStatus po',
    ],
    PersistentVolumeClaimCondition: [
      '1 type string', '2 status string', '3 lastProbeTime meta.Time o', '4 lastTransitionTime meta.Time o',
      '5 reason string o', '6 message string o',
    ],
    ModifyVolumeStatus: ['1 targetVolumeAttributesClassName string o', '2 status string'],
  },
});
