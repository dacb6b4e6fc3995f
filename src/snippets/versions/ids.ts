/** The versions' ids live in contracts/ (the report names them too); the registry reads them from here. */
export { VERSION_IDS, type VersionId } from '../../../contracts/versions';
