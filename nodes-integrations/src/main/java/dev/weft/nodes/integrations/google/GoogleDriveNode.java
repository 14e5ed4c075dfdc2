package dev.weft.nodes.integrations.google;

import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.nodes.integrations.common.BinaryBody;
import dev.weft.nodes.integrations.common.NodeParams;
import dev.weft.nodes.integrations.oauth.OAuth2;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Google Drive through the Drive API v3: list files (a query or a folder, following {@code nextPageToken}), upload
 * binary data (a multipart upload for small files, a resumable upload in chunks for large ones, resuming from what
 * Drive confirms it received), download (Google Docs exported to a chosen type), create a folder, share (a
 * permission for a user, group, domain or anyone) and delete. Shared drives are included.
 */
public final class GoogleDriveNode implements Node {
  /** The node type id. */
  public static final String TYPE = "weft.googleDrive";
  static final String BASE = "https://www.googleapis.com";
  static final String FOLDER = "application/vnd.google-apps.folder";
  static final String FILE_FIELDS = "id,name,mimeType,size,parents,createdTime,modifiedTime,webViewLink";
  /** Chunks of a resumable upload must be multiples of 256 KiB. */
  static final int CHUNK_UNIT = 256 * 1024;

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Google Drive")
      .group("storage")
      .description("Lists, uploads, downloads, shares and deletes Google Drive files and creates folders")
      .icon("google-drive")
      .credential(OAuth2.GOOGLE_TYPE, true)
      .parameters(
          ParameterSpec.options("operation", Option.of("list", "List files"), Option.of("upload", "Upload"),
              Option.of("download", "Download"), Option.of("createFolder", "Create folder"),
              Option.of("share", "Share"), Option.of("delete", "Delete")).displayName("Operation"),
          ParameterSpec.string("fileId").displayName("File ID").displayWhen("operation", "download", "share", "delete"),
          ParameterSpec.string("folderId").displayName("Folder ID")
              .description("list: the folder to list; upload and createFolder: the parent (empty: My Drive)")
              .displayWhen("operation", "list", "upload", "createFolder"),
          ParameterSpec.string("query").displayName("Query")
              .description("A Drive query, like name contains 'invoice' and mimeType = 'application/pdf'")
              .displayWhen("operation", "list"),
          ParameterSpec.bool("includeTrashed").displayName("Include trashed").defaultValue(false)
              .displayWhen("operation", "list"),
          ParameterSpec.bool("returnAll").displayName("Return all").defaultValue(false).displayWhen("operation", "list"),
          ParameterSpec.number("limit").displayName("Limit").defaultValue(100).displayWhen("operation", "list"),
          ParameterSpec.string("binaryProperty").displayName("Binary property").defaultValue("data")
              .displayWhen("operation", "upload", "download"),
          ParameterSpec.string("name").displayName("Name")
              .description("upload: defaults to the binary's file name; createFolder: the folder's name")
              .displayWhen("operation", "upload", "createFolder"),
          ParameterSpec.number("resumableThresholdMb").displayName("Resumable from (MB)").defaultValue(5)
              .description("Files this large or larger are uploaded in chunks that survive a broken connection")
              .displayWhen("operation", "upload"),
          ParameterSpec.number("chunkSizeMb").displayName("Chunk size (MB)").defaultValue(8)
              .description("Rounded to a multiple of 256 KiB").displayWhen("operation", "upload"),
          ParameterSpec.string("exportMimeType").displayName("Export Google files as").defaultValue("application/pdf")
              .description("Google Docs, Sheets and Slides have no bytes of their own; they are exported to this type")
              .displayWhen("operation", "download"),
          ParameterSpec.options("role", "reader", "commenter", "writer", "fileOrganizer", "organizer", "owner")
              .displayName("Role").displayWhen("operation", "share"),
          ParameterSpec.options("permissionType", "user", "group", "domain", "anyone").displayName("Share with")
              .displayWhen("operation", "share"),
          ParameterSpec.string("emailAddress").displayName("Email address")
              .displayWhen("permissionType", "user", "group"),
          ParameterSpec.string("domain").displayName("Domain").displayWhen("permissionType", "domain"),
          ParameterSpec.bool("sendNotificationEmail").displayName("Notify by email").defaultValue(false)
              .displayWhen("operation", "share"),
          ParameterSpec.string("emailMessage").displayName("Message in the email").displayWhen("operation", "share"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    GoogleApi drive = new GoogleApi(context, "Google Drive", BASE);
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        String operation = NodeParams.required(context, "operation", i);
        switch (operation) {
          case "list" -> {
            for (Map<String, Object> f : list(context, i, drive)) {
              out.add(0, Item.of(f).pairedWith(i));
            }
          }
          case "upload" -> out.add(0, Item.of(upload(context, items.get(i), i, drive)).pairedWith(i));
          case "download" -> out.add(0, download(context, items.get(i), i, drive).pairedWith(i));
          case "createFolder" -> out.add(0, Item.of(createFolder(context, i, drive)).pairedWith(i));
          case "share" -> out.add(0, Item.of(share(context, i, drive)).pairedWith(i));
          case "delete" -> {
            String id = NodeParams.required(context, "fileId", i);
            drive.object(r -> r.url(files(drive, "/" + GmailNode.segment(id)).build()).delete().build());
            out.add(0, Item.of("id", id, "deleted", true).pairedWith(i));
          }
          default -> throw NodeException.parameter("operation", i, "Google Drive has no operation '" + operation
              + "' here; use list, upload, download, createFolder, share or delete");
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static HttpUrl.Builder files(GoogleApi drive, String rest) {
    return drive.url("/drive/v3/files" + rest).addQueryParameter("supportsAllDrives", "true");
  }

  private List<Map<String, Object>> list(NodeContext context, int i, GoogleApi drive) throws NodeException {
    boolean all = context.bool("returnAll", i);
    long limit = all ? Long.MAX_VALUE : NodeParams.integer(context, "limit", i, 100);
    if (limit < 1) {
      throw NodeException.parameter("limit", i, "parameter 'limit' must be 1 or more, was " + limit);
    }
    List<String> clauses = new ArrayList<>();
    String folder = NodeParams.optional(context, "folderId", i);
    if (folder != null) {
      clauses.add("'" + folder.trim().replace("\\", "\\\\").replace("'", "\\'") + "' in parents");
    }
    String query = NodeParams.optional(context, "query", i);
    if (query != null) {
      clauses.add("(" + query.trim() + ")");
    }
    if (!context.bool("includeTrashed", i)) {
      clauses.add("trashed = false");
    }
    List<Map<String, Object>> files = new ArrayList<>();
    String page = null;
    do {
      context.cancellation().throwIfCancelled();
      HttpUrl.Builder url = files(drive, "").addQueryParameter("includeItemsFromAllDrives", "true")
          .addQueryParameter("q", String.join(" and ", clauses))
          .addQueryParameter("pageSize", String.valueOf(Math.min(1000, limit - files.size())))
          .addQueryParameter("fields", "nextPageToken,files(" + FILE_FIELDS + ")");
      if (page != null) {
        url.addQueryParameter("pageToken", page);
      }
      HttpUrl built = url.build();
      Map<String, Object> answer = drive.object(r -> r.url(built).get().build());
      for (Object f : answer.get("files") instanceof List<?> l ? l : List.of()) {
        if (f instanceof Map<?, ?> && files.size() < limit) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = (Map<String, Object>) f;
          files.add(m);
        }
      }
      page = answer.get("nextPageToken") instanceof String s && !s.isEmpty() ? s : null;
    } while (page != null && files.size() < limit);
    return files;
  }

  private Map<String, Object> upload(NodeContext context, Item item, int i, GoogleApi drive) throws Exception {
    BinaryData data = BinaryBody.require(item, NodeParams.required(context, "binaryProperty", i), "binaryProperty", i);
    Map<String, Object> metadata = new LinkedHashMap<>();
    String name = NodeParams.optional(context, "name", i);
    metadata.put("name", name != null ? name : data.fileName() != null ? data.fileName() : "untitled");
    String folder = NodeParams.optional(context, "folderId", i);
    if (folder != null) {
      metadata.put("parents", List.of(folder.trim()));
    }
    double thresholdMb = number(context, "resumableThresholdMb", i, 5);
    if (data.size() < thresholdMb * 1024 * 1024) {
      HttpUrl url = drive.url("/upload/drive/v3/files").addQueryParameter("uploadType", "multipart")
          .addQueryParameter("supportsAllDrives", "true").addQueryParameter("fields", FILE_FIELDS).build();
      return drive.object(r -> r.url(url).post(new MultipartBody.Builder()
          .setType(MediaType.get("multipart/related"))
          .addPart(RequestBody.create(ApiClient.write(metadata), ApiClient.JSON))
          .addPart(new BinaryBody(context.binaries(), data, null))
          .build()).build());
    }
    return resumable(context, i, drive, data, metadata);
  }

  /** A resumable upload: a session, then chunks; after each, Drive's {@code Range} says where to go on from. */
  private Map<String, Object> resumable(NodeContext context, int i, GoogleApi drive, BinaryData data,
      Map<String, Object> metadata) throws Exception {
    long chunkBytes = Math.max(1, Math.round(number(context, "chunkSizeMb", i, 8) * 1024 * 1024 / CHUNK_UNIT))
        * CHUNK_UNIT;
    if (chunkBytes > Integer.MAX_VALUE - CHUNK_UNIT) {
      throw NodeException.parameter("chunkSizeMb", i, "parameter 'chunkSizeMb' is too large");
    }
    HttpUrl start = drive.url("/upload/drive/v3/files").addQueryParameter("uploadType", "resumable")
        .addQueryParameter("supportsAllDrives", "true").addQueryParameter("fields", FILE_FIELDS).build();
    String session;
    try (Response r = drive.open(req -> req.url(start)
        .header("X-Upload-Content-Type", data.mimeType())
        .header("X-Upload-Content-Length", String.valueOf(data.size()))
        .post(RequestBody.create(ApiClient.write(metadata), ApiClient.JSON)).build())) {
      session = r.header("Location");
    }
    if (session == null || HttpUrl.parse(session) == null) {
      throw new NodeException("Google Drive started a resumable upload without a session URL (Location header)");
    }
    HttpUrl sessionUrl = HttpUrl.get(session);
    long total = data.size();
    byte[] buffer = new byte[(int) chunkBytes];
    int buffered = 0;
    long offset = 0; // position in the file of buffer[0]
    try (InputStream in = context.binaries().open(data)) {
      while (true) {
        context.cancellation().throwIfCancelled();
        while (buffered < buffer.length) {
          int n = in.read(buffer, buffered, buffer.length - buffered);
          if (n < 0) {
            break;
          }
          buffered += n;
        }
        long last = offset + buffered - 1;
        if (buffered == 0 && offset < total) {
          throw new NodeException("the binary data ended after " + offset + " of its " + total + " bytes");
        }
        byte[] chunk = java.util.Arrays.copyOf(buffer, buffered);
        String range = buffered == 0 ? "bytes */" + total : "bytes " + offset + "-" + last + "/" + total;
        try (Response r = drive.open(req -> req.url(sessionUrl).header("Content-Range", range)
            .put(RequestBody.create(chunk, MediaType.parse(data.mimeType()))).build())) {
          if (r.code() == 200 || r.code() == 201) {
            Object parsed = ApiClient.parse(r.body().string());
            @SuppressWarnings("unchecked")
            Map<String, Object> file = (Map<String, Object>) parsed;
            return file;
          }
          if (r.code() != 308) {
            throw new NodeException("Google Drive answered " + r.code() + " to a chunk of a resumable upload");
          }
          String received = r.header("Range");
          long confirmed = received == null ? -1 : Long.parseLong(received.substring(received.indexOf('-') + 1).trim());
          int keep = (int) (offset + buffered - (confirmed + 1));
          if (keep < 0 || keep > buffered) {
            throw new NodeException("Google Drive confirmed bytes up to " + confirmed + " of a chunk that ended at "
                + last);
          }
          System.arraycopy(buffer, buffered - keep, buffer, 0, keep);
          offset = confirmed + 1;
          buffered = keep;
        }
      }
    } catch (IOException e) {
      throw new NodeException("reading the binary data to upload to Google Drive failed: " + e.getMessage(), e);
    }
  }

  private Item download(NodeContext context, Item item, int i, GoogleApi drive) throws Exception {
    String id = NodeParams.required(context, "fileId", i);
    String property = NodeParams.required(context, "binaryProperty", i);
    Map<String, Object> meta = drive.object(r -> r.url(files(drive, "/" + GmailNode.segment(id))
        .addQueryParameter("fields", FILE_FIELDS).build()).get().build());
    String mime = String.valueOf(meta.get("mimeType"));
    HttpUrl url;
    String name = String.valueOf(meta.get("name"));
    String type = mime;
    if (mime.startsWith("application/vnd.google-apps.")) {
      if (mime.equals(FOLDER)) {
        throw NodeException.parameter("fileId", i, "'" + name + "' is a folder; only files can be downloaded");
      }
      type = NodeParams.required(context, "exportMimeType", i);
      url = drive.url("/drive/v3/files/" + GmailNode.segment(id) + "/export").addQueryParameter("mimeType", type)
          .build();
    } else {
      url = files(drive, "/" + GmailNode.segment(id)).addQueryParameter("alt", "media").build();
    }
    BinaryData data;
    try (Response r = drive.open(req -> req.url(url).get().build()); InputStream in = r.body().byteStream()) {
      data = context.binaries().store(in, type, name);
    }
    Map<String, Object> json = new LinkedHashMap<>(meta);
    json.put("downloadedAs", type);
    return Item.of(json).withBinary(item.binary()).withBinary(property, data);
  }

  private Map<String, Object> createFolder(NodeContext context, int i, GoogleApi drive) throws NodeException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", NodeParams.required(context, "name", i));
    body.put("mimeType", FOLDER);
    String parent = NodeParams.optional(context, "folderId", i);
    if (parent != null) {
      body.put("parents", List.of(parent.trim()));
    }
    return drive.object(r -> r.url(files(drive, "").addQueryParameter("fields", FILE_FIELDS).build())
        .post(ApiClient.jsonBody(body)).build());
  }

  private Map<String, Object> share(NodeContext context, int i, GoogleApi drive) throws NodeException {
    String id = NodeParams.required(context, "fileId", i);
    String role = NodeParams.required(context, "role", i);
    String type = NodeParams.required(context, "permissionType", i);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("role", role);
    body.put("type", type);
    if (type.equals("user") || type.equals("group")) {
      body.put("emailAddress", NodeParams.required(context, "emailAddress", i));
    } else if (type.equals("domain")) {
      body.put("domain", NodeParams.required(context, "domain", i));
    }
    boolean notify = context.bool("sendNotificationEmail", i) || role.equals("owner");
    HttpUrl.Builder url = files(drive, "/" + GmailNode.segment(id) + "/permissions")
        .addQueryParameter("sendNotificationEmail", String.valueOf(notify));
    if (role.equals("owner")) {
      url.addQueryParameter("transferOwnership", "true");
    }
    String message = NodeParams.optional(context, "emailMessage", i);
    if (message != null && notify) {
      url.addQueryParameter("emailMessage", message);
    }
    HttpUrl built = url.build();
    return drive.object(r -> r.url(built).post(ApiClient.jsonBody(body)).build());
  }

  private static double number(NodeContext context, String name, int i, double fallback) throws NodeException {
    Number n = context.parameter(name, i, Number.class);
    double v = n == null ? fallback : n.doubleValue();
    if (!(v > 0)) {
      throw NodeException.parameter(name, i, "parameter '" + name + "' must be more than 0, was " + n);
    }
    return v;
  }
}
