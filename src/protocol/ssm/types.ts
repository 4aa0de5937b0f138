// Generated from the SSM model (service-2.json) by `node --import tsx scripts/gen-ssm-model.ts`. Do not edit by hand.

/** SSM shape `Activation`. */
export interface Activation {
  ActivationId?: string;
  Description?: string;
  DefaultInstanceName?: string;
  IamRole?: string;
  RegistrationLimit?: number;
  RegistrationsCount?: number;
  ExpirationDate?: number;
  Expired?: boolean;
  CreatedDate?: number;
  Tags?: TagList;
}

/** SSM shape `ActivationList`. */
export type ActivationList = Activation[];

/** SSM shape `AddTagsToResourceRequest`. */
export interface AddTagsToResourceRequest {
  ResourceType: ResourceTypeForTagging;
  ResourceId: string;
  Tags: TagList;
}

/** SSM shape `AddTagsToResourceResult`. */
export type AddTagsToResourceResult = Record<string, never>;

/** SSM shape `Alarm`. */
export interface Alarm {
  Name: string;
}

/** SSM shape `AlarmConfiguration`. */
export interface AlarmConfiguration {
  IgnorePollAlarmFailure?: boolean;
  Alarms: AlarmList;
}

/** SSM shape `AlarmList`. */
export type AlarmList = Alarm[];

/** SSM shape `AlarmStateInformation`. */
export interface AlarmStateInformation {
  Name: string;
  State: ExternalAlarmState;
}

/** SSM shape `AlarmStateInformationList`. */
export type AlarmStateInformationList = AlarmStateInformation[];

/** SSM shape `AttachmentContent`. */
export interface AttachmentContent {
  Name?: string;
  Size?: number;
  Hash?: string;
  HashType?: AttachmentHashType;
  Url?: string;
}

/** SSM shape `AttachmentContentList`. */
export type AttachmentContentList = AttachmentContent[];

/** SSM shape `AttachmentHashType`. */
export type AttachmentHashType = "Sha256";

/** SSM shape `AttachmentInformation`. */
export interface AttachmentInformation {
  Name?: string;
}

/** SSM shape `AttachmentInformationList`. */
export type AttachmentInformationList = AttachmentInformation[];

/** SSM shape `AttachmentsSource`. */
export interface AttachmentsSource {
  Key?: AttachmentsSourceKey;
  Values?: AttachmentsSourceValues;
  Name?: string;
}

/** SSM shape `AttachmentsSourceKey`. */
export type AttachmentsSourceKey = "SourceUrl" | "S3FileUrl" | "AttachmentReference";

/** SSM shape `AttachmentsSourceList`. */
export type AttachmentsSourceList = AttachmentsSource[];

/** SSM shape `AttachmentsSourceValues`. */
export type AttachmentsSourceValues = string[];

/** SSM shape `CancelCommandRequest`. */
export interface CancelCommandRequest {
  CommandId: string;
  InstanceIds?: InstanceIdList;
}

/** SSM shape `CancelCommandResult`. */
export type CancelCommandResult = Record<string, never>;

/** SSM shape `CategoryEnumList`. */
export type CategoryEnumList = string[];

/** SSM shape `CategoryList`. */
export type CategoryList = string[];

/** SSM shape `CloudWatchOutputConfig`. */
export interface CloudWatchOutputConfig {
  CloudWatchLogGroupName?: string;
  CloudWatchOutputEnabled?: boolean;
}

/** SSM shape `Command`. */
export interface Command {
  CommandId?: string;
  DocumentName?: string;
  DocumentVersion?: string;
  Comment?: string;
  ExpiresAfter?: number;
  Parameters?: Parameters;
  InstanceIds?: InstanceIdList;
  Targets?: Targets;
  RequestedDateTime?: number;
  Status?: CommandStatus;
  StatusDetails?: string;
  OutputS3Region?: string;
  OutputS3BucketName?: string;
  OutputS3KeyPrefix?: string;
  MaxConcurrency?: string;
  MaxErrors?: string;
  TargetCount?: number;
  CompletedCount?: number;
  ErrorCount?: number;
  DeliveryTimedOutCount?: number;
  ServiceRole?: string;
  NotificationConfig?: NotificationConfig;
  CloudWatchOutputConfig?: CloudWatchOutputConfig;
  TimeoutSeconds?: number;
  AlarmConfiguration?: AlarmConfiguration;
  TriggeredAlarms?: AlarmStateInformationList;
}

/** SSM shape `CommandFilter`. */
export interface CommandFilter {
  key: CommandFilterKey;
  value: string;
}

/** SSM shape `CommandFilterKey`. */
export type CommandFilterKey = "InvokedAfter" | "InvokedBefore" | "Status" | "ExecutionStage" | "DocumentName";

/** SSM shape `CommandFilterList`. */
export type CommandFilterList = CommandFilter[];

/** SSM shape `CommandInvocation`. */
export interface CommandInvocation {
  CommandId?: string;
  InstanceId?: string;
  InstanceName?: string;
  Comment?: string;
  DocumentName?: string;
  DocumentVersion?: string;
  RequestedDateTime?: number;
  Status?: CommandInvocationStatus;
  StatusDetails?: string;
  TraceOutput?: string;
  StandardOutputUrl?: string;
  StandardErrorUrl?: string;
  CommandPlugins?: CommandPluginList;
  ServiceRole?: string;
  NotificationConfig?: NotificationConfig;
  CloudWatchOutputConfig?: CloudWatchOutputConfig;
}

/** SSM shape `CommandInvocationList`. */
export type CommandInvocationList = CommandInvocation[];

/** SSM shape `CommandInvocationStatus`. */
export type CommandInvocationStatus =
  | "Pending"
  | "InProgress"
  | "Delayed"
  | "Success"
  | "Cancelled"
  | "TimedOut"
  | "Failed"
  | "Cancelling";

/** SSM shape `CommandList`. */
export type CommandList = Command[];

/** SSM shape `CommandPlugin`. */
export interface CommandPlugin {
  Name?: string;
  Status?: CommandPluginStatus;
  StatusDetails?: string;
  ResponseCode?: number;
  ResponseStartDateTime?: number;
  ResponseFinishDateTime?: number;
  Output?: string;
  StandardOutputUrl?: string;
  StandardErrorUrl?: string;
  OutputS3Region?: string;
  OutputS3BucketName?: string;
  OutputS3KeyPrefix?: string;
}

/** SSM shape `CommandPluginList`. */
export type CommandPluginList = CommandPlugin[];

/** SSM shape `CommandPluginStatus`. */
export type CommandPluginStatus = "Pending" | "InProgress" | "Success" | "TimedOut" | "Cancelled" | "Failed";

/** SSM shape `CommandStatus`. */
export type CommandStatus = "Pending" | "InProgress" | "Success" | "Cancelled" | "Failed" | "TimedOut" | "Cancelling";

/** SSM shape `CreateActivationRequest`. */
export interface CreateActivationRequest {
  Description?: string;
  DefaultInstanceName?: string;
  IamRole: string;
  RegistrationLimit?: number;
  ExpirationDate?: number;
  Tags?: TagList;
  RegistrationMetadata?: RegistrationMetadataList;
}

/** SSM shape `CreateActivationResult`. */
export interface CreateActivationResult {
  ActivationId?: string;
  ActivationCode?: string;
}

/** SSM shape `CreateDocumentRequest`. */
export interface CreateDocumentRequest {
  Content: string;
  Requires?: DocumentRequiresList;
  Attachments?: AttachmentsSourceList;
  Name: string;
  DisplayName?: string;
  VersionName?: string;
  DocumentType?: DocumentType;
  DocumentFormat?: DocumentFormat;
  TargetType?: string;
  Tags?: TagList;
}

/** SSM shape `CreateDocumentResult`. */
export interface CreateDocumentResult {
  DocumentDescription?: DocumentDescription;
}

/** SSM shape `DeleteActivationRequest`. */
export interface DeleteActivationRequest {
  ActivationId: string;
}

/** SSM shape `DeleteActivationResult`. */
export type DeleteActivationResult = Record<string, never>;

/** SSM shape `DeleteDocumentRequest`. */
export interface DeleteDocumentRequest {
  Name: string;
  DocumentVersion?: string;
  VersionName?: string;
  Force?: boolean;
}

/** SSM shape `DeleteDocumentResult`. */
export type DeleteDocumentResult = Record<string, never>;

/** SSM shape `DeregisterManagedInstanceRequest`. */
export interface DeregisterManagedInstanceRequest {
  InstanceId: string;
}

/** SSM shape `DeregisterManagedInstanceResult`. */
export type DeregisterManagedInstanceResult = Record<string, never>;

/** SSM shape `DescribeActivationsFilter`. */
export interface DescribeActivationsFilter {
  FilterKey?: DescribeActivationsFilterKeys;
  FilterValues?: StringList;
}

/** SSM shape `DescribeActivationsFilterKeys`. */
export type DescribeActivationsFilterKeys = "ActivationIds" | "DefaultInstanceName" | "IamRole";

/** SSM shape `DescribeActivationsFilterList`. */
export type DescribeActivationsFilterList = DescribeActivationsFilter[];

/** SSM shape `DescribeActivationsRequest`. */
export interface DescribeActivationsRequest {
  Filters?: DescribeActivationsFilterList;
  MaxResults?: number;
  NextToken?: string;
}

/** SSM shape `DescribeActivationsResult`. */
export interface DescribeActivationsResult {
  ActivationList?: ActivationList;
  NextToken?: string;
}

/** SSM shape `DescribeDocumentRequest`. */
export interface DescribeDocumentRequest {
  Name: string;
  DocumentVersion?: string;
  VersionName?: string;
}

/** SSM shape `DescribeDocumentResult`. */
export interface DescribeDocumentResult {
  Document?: DocumentDescription;
}

/** SSM shape `DescribeInstanceInformationRequest`. */
export interface DescribeInstanceInformationRequest {
  InstanceInformationFilterList?: InstanceInformationFilterList;
  Filters?: InstanceInformationStringFilterList;
  MaxResults?: number;
  NextToken?: string;
}

/** SSM shape `DescribeInstanceInformationResult`. */
export interface DescribeInstanceInformationResult {
  InstanceInformationList?: InstanceInformationList;
  NextToken?: string;
}

/** SSM shape `DocumentDefaultVersionDescription`. */
export interface DocumentDefaultVersionDescription {
  Name?: string;
  DefaultVersion?: string;
  DefaultVersionName?: string;
}

/** SSM shape `DocumentDescription`. */
export interface DocumentDescription {
  Sha1?: string;
  Hash?: string;
  HashType?: DocumentHashType;
  Name?: string;
  DisplayName?: string;
  VersionName?: string;
  Owner?: string;
  CreatedDate?: number;
  Status?: DocumentStatus;
  StatusInformation?: string;
  DocumentVersion?: string;
  Description?: string;
  Parameters?: DocumentParameterList;
  PlatformTypes?: PlatformTypeList;
  DocumentType?: DocumentType;
  SchemaVersion?: string;
  LatestVersion?: string;
  DefaultVersion?: string;
  DocumentFormat?: DocumentFormat;
  TargetType?: string;
  Tags?: TagList;
  AttachmentsInformation?: AttachmentInformationList;
  Requires?: DocumentRequiresList;
  Author?: string;
  ReviewInformation?: ReviewInformationList;
  ApprovedVersion?: string;
  PendingReviewVersion?: string;
  ReviewStatus?: ReviewStatus;
  Category?: CategoryList;
  CategoryEnum?: CategoryEnumList;
}

/** SSM shape `DocumentFilter`. */
export interface DocumentFilter {
  key: DocumentFilterKey;
  value: string;
}

/** SSM shape `DocumentFilterKey`. */
export type DocumentFilterKey = "Name" | "Owner" | "PlatformTypes" | "DocumentType";

/** SSM shape `DocumentFilterList`. */
export type DocumentFilterList = DocumentFilter[];

/** SSM shape `DocumentFormat`. */
export type DocumentFormat = "YAML" | "JSON" | "TEXT";

/** SSM shape `DocumentHashType`. */
export type DocumentHashType = "Sha256" | "Sha1";

/** SSM shape `DocumentIdentifier`. */
export interface DocumentIdentifier {
  Name?: string;
  CreatedDate?: number;
  DisplayName?: string;
  Owner?: string;
  VersionName?: string;
  PlatformTypes?: PlatformTypeList;
  DocumentVersion?: string;
  DocumentType?: DocumentType;
  SchemaVersion?: string;
  DocumentFormat?: DocumentFormat;
  TargetType?: string;
  Tags?: TagList;
  Requires?: DocumentRequiresList;
  ReviewStatus?: ReviewStatus;
  Author?: string;
}

/** SSM shape `DocumentIdentifierList`. */
export type DocumentIdentifierList = DocumentIdentifier[];

/** SSM shape `DocumentKeyValuesFilter`. */
export interface DocumentKeyValuesFilter {
  Key?: string;
  Values?: DocumentKeyValuesFilterValues;
}

/** SSM shape `DocumentKeyValuesFilterList`. */
export type DocumentKeyValuesFilterList = DocumentKeyValuesFilter[];

/** SSM shape `DocumentKeyValuesFilterValues`. */
export type DocumentKeyValuesFilterValues = string[];

/** SSM shape `DocumentParameter`. */
export interface DocumentParameter {
  Name?: string;
  Type?: DocumentParameterType;
  Description?: string;
  DefaultValue?: string;
}

/** SSM shape `DocumentParameterList`. */
export type DocumentParameterList = DocumentParameter[];

/** SSM shape `DocumentParameterType`. */
export type DocumentParameterType = "String" | "StringList";

/** SSM shape `DocumentRequires`. */
export interface DocumentRequires {
  Name: string;
  Version?: string;
  RequireType?: string;
  VersionName?: string;
}

/** SSM shape `DocumentRequiresList`. */
export type DocumentRequiresList = DocumentRequires[];

/** SSM shape `DocumentStatus`. */
export type DocumentStatus = "Creating" | "Active" | "Updating" | "Deleting" | "Failed";

/** SSM shape `DocumentType`. */
export type DocumentType =
  | "Command"
  | "Policy"
  | "Automation"
  | "Session"
  | "Package"
  | "ApplicationConfiguration"
  | "ApplicationConfigurationSchema"
  | "DeploymentStrategy"
  | "ChangeCalendar"
  | "Automation.ChangeTemplate"
  | "ProblemAnalysis"
  | "ProblemAnalysisTemplate"
  | "CloudFormation"
  | "ConformancePackTemplate"
  | "QuickSetup"
  | "ManualApprovalPolicy"
  | "AutoApprovalPolicy";

/** SSM shape `DocumentVersionInfo`. */
export interface DocumentVersionInfo {
  Name?: string;
  DisplayName?: string;
  DocumentVersion?: string;
  VersionName?: string;
  CreatedDate?: number;
  IsDefaultVersion?: boolean;
  DocumentFormat?: DocumentFormat;
  Status?: DocumentStatus;
  StatusInformation?: string;
  ReviewStatus?: ReviewStatus;
}

/** SSM shape `DocumentVersionList`. */
export type DocumentVersionList = DocumentVersionInfo[];

/** SSM shape `ExternalAlarmState`. */
export type ExternalAlarmState = "UNKNOWN" | "ALARM";

/** SSM shape `GetCommandInvocationRequest`. */
export interface GetCommandInvocationRequest {
  CommandId: string;
  InstanceId: string;
  PluginName?: string;
}

/** SSM shape `GetCommandInvocationResult`. */
export interface GetCommandInvocationResult {
  CommandId?: string;
  InstanceId?: string;
  Comment?: string;
  DocumentName?: string;
  DocumentVersion?: string;
  PluginName?: string;
  ResponseCode?: number;
  ExecutionStartDateTime?: string;
  ExecutionElapsedTime?: string;
  ExecutionEndDateTime?: string;
  Status?: CommandInvocationStatus;
  StatusDetails?: string;
  StandardOutputContent?: string;
  StandardOutputUrl?: string;
  StandardErrorContent?: string;
  StandardErrorUrl?: string;
  CloudWatchOutputConfig?: CloudWatchOutputConfig;
}

/** SSM shape `GetDocumentRequest`. */
export interface GetDocumentRequest {
  Name: string;
  VersionName?: string;
  DocumentVersion?: string;
  DocumentFormat?: DocumentFormat;
}

/** SSM shape `GetDocumentResult`. */
export interface GetDocumentResult {
  Name?: string;
  CreatedDate?: number;
  DisplayName?: string;
  VersionName?: string;
  DocumentVersion?: string;
  Status?: DocumentStatus;
  StatusInformation?: string;
  Content?: string;
  DocumentType?: DocumentType;
  DocumentFormat?: DocumentFormat;
  Requires?: DocumentRequiresList;
  AttachmentsContent?: AttachmentContentList;
  ReviewStatus?: ReviewStatus;
}

/** SSM shape `InstanceAggregatedAssociationOverview`. */
export interface InstanceAggregatedAssociationOverview {
  DetailedStatus?: string;
  InstanceAssociationStatusAggregatedCount?: InstanceAssociationStatusAggregatedCount;
}

/** SSM shape `InstanceAssociationStatusAggregatedCount`. */
export type InstanceAssociationStatusAggregatedCount = Record<string, number>;

/** SSM shape `InstanceIdList`. */
export type InstanceIdList = string[];

/** SSM shape `InstanceInformation`. */
export interface InstanceInformation {
  InstanceId?: string;
  PingStatus?: PingStatus;
  LastPingDateTime?: number;
  AgentVersion?: string;
  IsLatestVersion?: boolean;
  PlatformType?: PlatformType;
  PlatformName?: string;
  PlatformVersion?: string;
  ActivationId?: string;
  IamRole?: string;
  RegistrationDate?: number;
  ResourceType?: ResourceType;
  Name?: string;
  IPAddress?: string;
  ComputerName?: string;
  AssociationStatus?: string;
  LastAssociationExecutionDate?: number;
  LastSuccessfulAssociationExecutionDate?: number;
  AssociationOverview?: InstanceAggregatedAssociationOverview;
  SourceId?: string;
  SourceType?: SourceType;
  SourceLocation?: string;
}

/** SSM shape `InstanceInformationFilter`. */
export interface InstanceInformationFilter {
  key: InstanceInformationFilterKey;
  valueSet: InstanceInformationFilterValueSet;
}

/** SSM shape `InstanceInformationFilterKey`. */
export type InstanceInformationFilterKey =
  | "InstanceIds"
  | "AgentVersion"
  | "PingStatus"
  | "PlatformTypes"
  | "ActivationIds"
  | "IamRole"
  | "ResourceType"
  | "AssociationStatus";

/** SSM shape `InstanceInformationFilterList`. */
export type InstanceInformationFilterList = InstanceInformationFilter[];

/** SSM shape `InstanceInformationFilterValueSet`. */
export type InstanceInformationFilterValueSet = string[];

/** SSM shape `InstanceInformationList`. */
export type InstanceInformationList = InstanceInformation[];

/** SSM shape `InstanceInformationStringFilter`. */
export interface InstanceInformationStringFilter {
  Key: string;
  Values: InstanceInformationFilterValueSet;
}

/** SSM shape `InstanceInformationStringFilterList`. */
export type InstanceInformationStringFilterList = InstanceInformationStringFilter[];

/** SSM shape `KeyList`. */
export type KeyList = string[];

/** SSM shape `ListCommandInvocationsRequest`. */
export interface ListCommandInvocationsRequest {
  CommandId?: string;
  InstanceId?: string;
  MaxResults?: number;
  NextToken?: string;
  Filters?: CommandFilterList;
  Details?: boolean;
}

/** SSM shape `ListCommandInvocationsResult`. */
export interface ListCommandInvocationsResult {
  CommandInvocations?: CommandInvocationList;
  NextToken?: string;
}

/** SSM shape `ListCommandsRequest`. */
export interface ListCommandsRequest {
  CommandId?: string;
  InstanceId?: string;
  MaxResults?: number;
  NextToken?: string;
  Filters?: CommandFilterList;
}

/** SSM shape `ListCommandsResult`. */
export interface ListCommandsResult {
  Commands?: CommandList;
  NextToken?: string;
}

/** SSM shape `ListDocumentVersionsRequest`. */
export interface ListDocumentVersionsRequest {
  Name: string;
  MaxResults?: number;
  NextToken?: string;
}

/** SSM shape `ListDocumentVersionsResult`. */
export interface ListDocumentVersionsResult {
  DocumentVersions?: DocumentVersionList;
  NextToken?: string;
}

/** SSM shape `ListDocumentsRequest`. */
export interface ListDocumentsRequest {
  DocumentFilterList?: DocumentFilterList;
  Filters?: DocumentKeyValuesFilterList;
  MaxResults?: number;
  NextToken?: string;
}

/** SSM shape `ListDocumentsResult`. */
export interface ListDocumentsResult {
  DocumentIdentifiers?: DocumentIdentifierList;
  NextToken?: string;
}

/** SSM shape `ListTagsForResourceRequest`. */
export interface ListTagsForResourceRequest {
  ResourceType: ResourceTypeForTagging;
  ResourceId: string;
}

/** SSM shape `ListTagsForResourceResult`. */
export interface ListTagsForResourceResult {
  TagList?: TagList;
}

/** SSM shape `NotificationConfig`. */
export interface NotificationConfig {
  NotificationArn?: string;
  NotificationEvents?: NotificationEventList;
  NotificationType?: NotificationType;
}

/** SSM shape `NotificationEvent`. */
export type NotificationEvent = "All" | "InProgress" | "Success" | "TimedOut" | "Cancelled" | "Failed";

/** SSM shape `NotificationEventList`. */
export type NotificationEventList = NotificationEvent[];

/** SSM shape `NotificationType`. */
export type NotificationType = "Command" | "Invocation";

/** SSM shape `ParameterValueList`. */
export type ParameterValueList = string[];

/** SSM shape `Parameters`. */
export type Parameters = Record<string, ParameterValueList>;

/** SSM shape `PingStatus`. */
export type PingStatus = "Online" | "ConnectionLost" | "Inactive";

/** SSM shape `PlatformType`. */
export type PlatformType = "Windows" | "Linux" | "MacOS";

/** SSM shape `PlatformTypeList`. */
export type PlatformTypeList = PlatformType[];

/** SSM shape `RegistrationMetadataItem`. */
export interface RegistrationMetadataItem {
  Key: string;
  Value: string;
}

/** SSM shape `RegistrationMetadataList`. */
export type RegistrationMetadataList = RegistrationMetadataItem[];

/** SSM shape `RemoveTagsFromResourceRequest`. */
export interface RemoveTagsFromResourceRequest {
  ResourceType: ResourceTypeForTagging;
  ResourceId: string;
  TagKeys: KeyList;
}

/** SSM shape `RemoveTagsFromResourceResult`. */
export type RemoveTagsFromResourceResult = Record<string, never>;

/** SSM shape `ResourceType`. */
export type ResourceType = "ManagedInstance" | "EC2Instance";

/** SSM shape `ResourceTypeForTagging`. */
export type ResourceTypeForTagging =
  | "Document"
  | "ManagedInstance"
  | "MaintenanceWindow"
  | "Parameter"
  | "PatchBaseline"
  | "OpsItem"
  | "OpsMetadata"
  | "Automation"
  | "Association"
  | "CloudConnector";

/** SSM shape `ReviewInformation`. */
export interface ReviewInformation {
  ReviewedTime?: number;
  Status?: ReviewStatus;
  Reviewer?: string;
}

/** SSM shape `ReviewInformationList`. */
export type ReviewInformationList = ReviewInformation[];

/** SSM shape `ReviewStatus`. */
export type ReviewStatus = "APPROVED" | "NOT_REVIEWED" | "PENDING" | "REJECTED";

/** SSM shape `SendCommandRequest`. */
export interface SendCommandRequest {
  InstanceIds?: InstanceIdList;
  Targets?: Targets;
  DocumentName: string;
  DocumentVersion?: string;
  DocumentHash?: string;
  DocumentHashType?: DocumentHashType;
  TimeoutSeconds?: number;
  Comment?: string;
  Parameters?: Parameters;
  OutputS3Region?: string;
  OutputS3BucketName?: string;
  OutputS3KeyPrefix?: string;
  MaxConcurrency?: string;
  MaxErrors?: string;
  ServiceRoleArn?: string;
  NotificationConfig?: NotificationConfig;
  CloudWatchOutputConfig?: CloudWatchOutputConfig;
  AlarmConfiguration?: AlarmConfiguration;
}

/** SSM shape `SendCommandResult`. */
export interface SendCommandResult {
  Command?: Command;
}

/** SSM shape `SourceType`. */
export type SourceType =
  | "AWS::EC2::Instance"
  | "AWS::IoT::Thing"
  | "AWS::SSM::ManagedInstance"
  | "Microsoft.Compute/virtualMachines";

/** SSM shape `StringList`. */
export type StringList = string[];

/** SSM shape `Tag`. */
export interface Tag {
  Key: string;
  Value: string;
}

/** SSM shape `TagList`. */
export type TagList = Tag[];

/** SSM shape `Target`. */
export interface Target {
  Key?: string;
  Values?: TargetValues;
}

/** SSM shape `TargetValues`. */
export type TargetValues = string[];

/** SSM shape `Targets`. */
export type Targets = Target[];

/** SSM shape `UpdateDocumentDefaultVersionRequest`. */
export interface UpdateDocumentDefaultVersionRequest {
  Name: string;
  DocumentVersion: string;
}

/** SSM shape `UpdateDocumentDefaultVersionResult`. */
export interface UpdateDocumentDefaultVersionResult {
  Description?: DocumentDefaultVersionDescription;
}

/** SSM shape `UpdateDocumentRequest`. */
export interface UpdateDocumentRequest {
  Content: string;
  Attachments?: AttachmentsSourceList;
  Name: string;
  DisplayName?: string;
  VersionName?: string;
  DocumentVersion?: string;
  DocumentFormat?: DocumentFormat;
  TargetType?: string;
}

/** SSM shape `UpdateDocumentResult`. */
export interface UpdateDocumentResult {
  DocumentDescription?: DocumentDescription;
}

/** Input and output types of every operation fleetrun serves, by operation name. */
export interface SsmOperationTypes {
  SendCommand: { input: SendCommandRequest; output: SendCommandResult };
  ListCommands: { input: ListCommandsRequest; output: ListCommandsResult };
  ListCommandInvocations: { input: ListCommandInvocationsRequest; output: ListCommandInvocationsResult };
  GetCommandInvocation: { input: GetCommandInvocationRequest; output: GetCommandInvocationResult };
  CancelCommand: { input: CancelCommandRequest; output: CancelCommandResult };
  DescribeInstanceInformation: { input: DescribeInstanceInformationRequest; output: DescribeInstanceInformationResult };
  CreateActivation: { input: CreateActivationRequest; output: CreateActivationResult };
  DescribeActivations: { input: DescribeActivationsRequest; output: DescribeActivationsResult };
  DeleteActivation: { input: DeleteActivationRequest; output: DeleteActivationResult };
  DeregisterManagedInstance: { input: DeregisterManagedInstanceRequest; output: DeregisterManagedInstanceResult };
  AddTagsToResource: { input: AddTagsToResourceRequest; output: AddTagsToResourceResult };
  RemoveTagsFromResource: { input: RemoveTagsFromResourceRequest; output: RemoveTagsFromResourceResult };
  ListTagsForResource: { input: ListTagsForResourceRequest; output: ListTagsForResourceResult };
  CreateDocument: { input: CreateDocumentRequest; output: CreateDocumentResult };
  GetDocument: { input: GetDocumentRequest; output: GetDocumentResult };
  DescribeDocument: { input: DescribeDocumentRequest; output: DescribeDocumentResult };
  UpdateDocument: { input: UpdateDocumentRequest; output: UpdateDocumentResult };
  UpdateDocumentDefaultVersion: {
    input: UpdateDocumentDefaultVersionRequest;
    output: UpdateDocumentDefaultVersionResult;
  };
  ListDocuments: { input: ListDocumentsRequest; output: ListDocumentsResult };
  ListDocumentVersions: { input: ListDocumentVersionsRequest; output: ListDocumentVersionsResult };
  DeleteDocument: { input: DeleteDocumentRequest; output: DeleteDocumentResult };
}

/** Name of an operation fleetrun serves with generated types. */
export type TypedSsmOperation = keyof SsmOperationTypes;

/** The operations fleetrun serves, in the order they were specified. */
export const typedSsmOperations: readonly TypedSsmOperation[] = [
  "SendCommand",
  "ListCommands",
  "ListCommandInvocations",
  "GetCommandInvocation",
  "CancelCommand",
  "DescribeInstanceInformation",
  "CreateActivation",
  "DescribeActivations",
  "DeleteActivation",
  "DeregisterManagedInstance",
  "AddTagsToResource",
  "RemoveTagsFromResource",
  "ListTagsForResource",
  "CreateDocument",
  "GetDocument",
  "DescribeDocument",
  "UpdateDocument",
  "UpdateDocumentDefaultVersion",
  "ListDocuments",
  "ListDocumentVersions",
  "DeleteDocument",
];
