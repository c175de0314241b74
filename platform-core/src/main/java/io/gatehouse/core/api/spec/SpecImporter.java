package io.gatehouse.core.api.spec;

/**
 * Reads one kind of API description document into the API to create. Extension point: each
 * importer is a Spring bean; {@link ApiImportService} hands a document to the first importer that
 * {@link #reads} it, and refuses a document no importer reads.
 *
 * <p>Contract: {@link #reads} looks only at the top of the document (a field such as {@code openapi}
 * or {@code asyncapi}) and is cheap. {@link #read} never touches the network or the file system:
 * references outside the document are refused, not fetched. It reports every problem it finds at
 * once, as an {@link io.gatehouse.core.error.InvalidInputException} whose pointers are RFC 6901 JSON
 * pointers into the document (e.g. {@code /paths/~1pets/get/security/0/oauth/1}). It is stateless and
 * thread-safe.
 */
public interface SpecImporter {

    /** The format of the documents this importer reads, stored with them. */
    SpecFormat format();

    /** Whether {@code document} is of this importer's format. */
    boolean reads(SpecDocument document);

    /** The API {@code document} describes; throws {@code InvalidInputException} when it is not valid. */
    ImportedApi read(SpecDocument document);
}
