package dev.imagesdk.v2;

import dev.imagesdk.PagedIterable;

import java.util.List;

/**
 * The Glance metadata definitions catalog ({@code /v2/metadefs}), reached by {@link ImageServiceV2#metadefs()}.
 *
 * <p>Reads return small typed records that keep the full document as JSON text, so fields this SDK does not
 * model are never lost. Writes of namespaces, objects and properties take the JSON document Glance's
 * {@code metadefs/*} schemas describe (e.g. {@code {"namespace":"ns","display_name":"N","visibility":"public"}});
 * it must be one JSON object, checked before sending. Updates ({@code PUT}) replace the whole document, as on
 * the service: send what a read returned, changed.
 *
 * <p>Failure rules are those of {@link dev.imagesdk.ImageService}: only
 * {@link dev.imagesdk.exception.ImageSdkException} subclasses are thrown; an unknown namespace or item is
 * {@link dev.imagesdk.exception.NotFoundException}, a duplicate name {@link dev.imagesdk.exception.ConflictException},
 * a body the schema rejects {@link dev.imagesdk.exception.BadRequestException}, a write without the admin role
 * (Glance's default policy) {@link dev.imagesdk.exception.ForbiddenException}. Reads, {@code PUT}s and deletes are
 * retried on transient failures (a delete answering 404 on a retry succeeded earlier); {@code POST}s are sent once.
 * Names are validated non-blank with {@link dev.imagesdk.exception.InvalidInputException}.
 */
public interface Metadefs {

    // ---- namespaces ----

    /**
     * {@return a lazy listing of namespaces ({@code GET /v2/metadefs/namespaces}), following {@code next} links}
     *
     * @param resourceTypes only namespaces associated with one of these (e.g. {@code OS::Glance::Image}); empty = all
     * @param visibility {@code public}, {@code private}, or null for both
     * @param pageSize items per page, or 0 for growing pages ({@link PagedIterable#growing})
     */
    PagedIterable<MetadefNamespace> namespaces(List<String> resourceTypes, String visibility, int pageSize);

    /** {@return all namespaces visible to the caller} */
    default PagedIterable<MetadefNamespace> namespaces() {
        return namespaces(List.of(), null, 0);
    }

    /**
     * {@return one namespace with its embedded objects, properties and tags ({@code GET .../namespaces/{ns}})}
     *
     * @param namespace the namespace name
     */
    MetadefNamespace namespace(String namespace);

    /**
     * Creates a namespace ({@code POST /v2/metadefs/namespaces}; 201) from its JSON document.
     *
     * @param namespaceJson the namespace's JSON document
     * @return the created namespace
     */
    MetadefNamespace createNamespace(String namespaceJson);

    /**
     * Replaces a namespace's document ({@code PUT .../namespaces/{ns}}); may rename it.
     *
     * @param namespace the namespace name
     * @param namespaceJson the namespace's JSON document
     * @return the namespace after the update
     */
    MetadefNamespace updateNamespace(String namespace, String namespaceJson);

    /**
     * Deletes a namespace and everything in it ({@code DELETE .../namespaces/{ns}}; 204).
     *
     * @param namespace the namespace name
     */
    void deleteNamespace(String namespace);

    // ---- objects ----

    /**
     * {@return the namespace's objects ({@code GET .../namespaces/{ns}/objects})}
     *
     * @param namespace the namespace name
     */
    List<MetadefObject> objects(String namespace);

    /**
     * One object ({@code GET .../objects/{name}}).
     *
     * @param namespace the namespace
     * @param name the object name
     * @return the object
     * @throws dev.imagesdk.exception.NotFoundException if the namespace or the item does not exist
     */
    MetadefObject object(String namespace, String name);

    /**
     * Creates an object ({@code POST .../objects}; 201) from its JSON document ({@code name} required).
     *
     * @param namespace the namespace name
     * @param objectJson the object's JSON document
     * @return the created object
     */
    MetadefObject createObject(String namespace, String objectJson);

    /**
     * Replaces an object ({@code PUT .../objects/{name}}); a new {@code name} in the document renames it.
     *
     * @param namespace the namespace
     * @param name the current object name
     * @param objectJson the whole new document (one JSON object)
     * @return the object as stored
     * @throws dev.imagesdk.exception.NotFoundException if the namespace or the item does not exist
     * @throws dev.imagesdk.exception.InvalidInputException if the document is not one JSON object
     */
    MetadefObject updateObject(String namespace, String name, String objectJson);

    /**
     * Deletes an object ({@code DELETE .../objects/{name}}; 204).
     *
     * @param namespace the namespace
     * @param name the object name
     * @throws dev.imagesdk.exception.NotFoundException if the namespace or the item does not exist
     */
    void deleteObject(String namespace, String name);

    // ---- properties ----

    /**
     * {@return the namespace's properties ({@code GET .../properties}; the service answers a map keyed by name)}
     *
     * @param namespace the namespace name
     */
    List<MetadefProperty> properties(String namespace);

    /**
     * One property ({@code GET .../properties/{name}}).
     *
     * @param namespace the namespace
     * @param name the property name
     * @return the property
     * @throws dev.imagesdk.exception.NotFoundException if the namespace or the item does not exist
     */
    MetadefProperty property(String namespace, String name);

    /**
     * Creates a property ({@code POST .../properties}; 201); {@code name}, {@code title}, {@code type} required.
     *
     * @param namespace the namespace name
     * @param propertyJson the property's JSON document
     * @return the created property
     */
    MetadefProperty createProperty(String namespace, String propertyJson);

    /**
     * Replaces a property ({@code PUT .../properties/{name}}).
     *
     * @param namespace the namespace
     * @param name the current property name
     * @param propertyJson the whole new document (one JSON object)
     * @return the property as stored
     * @throws dev.imagesdk.exception.NotFoundException if the namespace or the item does not exist
     * @throws dev.imagesdk.exception.InvalidInputException if the document is not one JSON object
     */
    MetadefProperty updateProperty(String namespace, String name, String propertyJson);

    /**
     * Deletes a property ({@code DELETE .../properties/{name}}; 204).
     *
     * @param namespace the namespace
     * @param name the property name
     * @throws dev.imagesdk.exception.NotFoundException if the namespace or the item does not exist
     */
    void deleteProperty(String namespace, String name);

    // ---- resource types ----

    /** {@return every resource type the service knows ({@code GET /v2/metadefs/resource_types})} */
    List<ResourceTypeAssociation> resourceTypes();

    /**
     * {@return the namespace's resource type associations ({@code GET .../namespaces/{ns}/resource_types})}
     *
     * @param namespace the namespace name
     */
    List<ResourceTypeAssociation> resourceTypeAssociations(String namespace);

    /**
     * Associates a resource type with the namespace ({@code POST .../resource_types}; 201).
     *
     * @param namespace the namespace name
     * @param resourceType the resource type name, e.g. {@code OS::Glance::Image}
     * @param prefix the property prefix, or null
     * @param propertiesTarget the properties target, or null
     * @return the association
     */
    ResourceTypeAssociation associateResourceType(String namespace, String resourceType, String prefix,
                                                  String propertiesTarget);

    /**
     * Removes an association ({@code DELETE .../resource_types/{name}}; 204).
     *
     * @param namespace the namespace name
     * @param resourceType the resource type name, e.g. {@code OS::Glance::Image}
     */
    void dissociateResourceType(String namespace, String resourceType);

    // ---- tags ----

    /**
     * The namespace's tags ({@code GET .../tags}).
     *
     * @param namespace the namespace
     * @return the tags
     * @throws dev.imagesdk.exception.NotFoundException if the namespace does not exist
     */
    List<MetadefTag> tags(String namespace);

    /**
     * One tag ({@code GET .../tags/{name}}).
     *
     * @param namespace the namespace
     * @param name the tag
     * @return the tag
     * @throws dev.imagesdk.exception.NotFoundException if the namespace or the item does not exist
     */
    MetadefTag tag(String namespace, String name);

    /**
     * Creates one tag ({@code POST .../tags/{name}}, no body; 201).
     *
     * @param namespace the namespace name
     * @param name the tag name
     * @return the created tag
     */
    MetadefTag createTag(String namespace, String name);

    /**
     * Creates several tags at once ({@code POST .../tags}; 201).
     *
     * @param namespace the namespace name
     * @param names the tag names
     * @param append keep the namespace's existing tags ({@code X-Openstack-Append: True}, as glanceclient sends
     *               it; releases without the header ignore it and replace); without it Glance replaces them all
     * @return the tags the service reported
     */
    List<MetadefTag> createTags(String namespace, List<String> names, boolean append);

    /**
     * Renames a tag ({@code PUT .../tags/{name}} with {@code {"name": newName}}).
     *
     * @param namespace the namespace name
     * @param name the tag's current name
     * @param newName the tag's new name
     * @return the renamed tag
     */
    MetadefTag updateTag(String namespace, String name, String newName);

    /**
     * Deletes a tag ({@code DELETE .../tags/{name}}; 204).
     *
     * @param namespace the namespace
     * @param name the tag
     * @throws dev.imagesdk.exception.NotFoundException if the namespace or the item does not exist
     */
    void deleteTag(String namespace, String name);
}
