package io.shopup.coupons.administration.boundary;

import io.shopup.coupons.access.boundary.AccessFilter;
import io.shopup.coupons.access.entity.Access;
import io.shopup.coupons.access.entity.Audience;
import io.shopup.coupons.administration.control.CodeBatchQueries;
import io.shopup.coupons.administration.control.CodeBatchRequestReader;
import io.shopup.coupons.administration.entity.BatchStatus;
import io.shopup.coupons.administration.entity.CodeBatch;
import io.shopup.coupons.coupon.control.CouponRequestReader;
import io.shopup.coupons.platform.http.IdempotencyKeyHeader;
import io.shopup.coupons.platform.http.JsonRequestBody;
import io.shopup.coupons.problems.FieldError;
import io.shopup.coupons.problems.MalformedRequestException;
import io.shopup.coupons.problems.ProblemResponses;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.Tuple;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/admin/code-batches}: generate single-use codes in the background, watch the batch's
 * progress, download its codes as CSV.
 */
@RequestScoped
@Path("api/admin/code-batches")
@Access(Audience.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class CodeBatchesResource {

    /** Looked up once: {@code Json.create...} searches the class path for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The CSV is read from the database a page at a time: no transaction stays open while a client reads slowly. */
    static final int CSV_PAGE = 10_000;
    static final String HEADER = "code\n";
    static final String CSV = "text/csv";

    @EJB
    CodeBatches batches;

    @Inject
    CodeBatchRunner runner;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest http;

    @POST
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(IdempotencyKeyHeader.NAME) String key, InputStream body) throws IOException {
        JsonRequestBody.requireJson(contentType);
        byte[] bytes = JsonRequestBody.read(body);
        CodeBatchRequestReader.Read read = CodeBatchRequestReader.read(CouponRequestReader.parseObject(bytes));
        List<FieldError> errors = new ArrayList<>(read.errors());
        IdempotencyKeyHeader.error(key, true).ifPresent(errors::add);
        CouponRequestReader.refuse(errors);
        String scope = "person:" + http.getAttribute(AccessFilter.PERSON);
        CodeBatchQueries.Request request = new CodeBatchQueries.Request(read.count(), read.prefix(), read.randomLength(),
                read.template(), scope, key, sha256(bytes));
        CodeBatches.Created created = batches.create(request, CodeBatchRunner.OWNER, runner.lease());
        if (created instanceof CodeBatches.Started started) {
            runner.start(started.batch().id());
            return accepted(started.batch()).build();
        }
        if (created instanceof CodeBatches.Replayed replayed) {
            return accepted(replayed.batch()).header("Idempotent-Replayed", "true").build();
        }
        if (created instanceof CodeBatches.KeyReused) {
            return ProblemResponses.problem(422, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used for a different request.", List.of()).build();
        }
        throw MalformedRequestException.badRequest("The coupon breaks the rules of its fields.",
                List.of(FieldError.nested("coupon", "userId", "names no user")));
    }

    @GET
    @Path("{id}")
    @Access(Audience.READER)
    public Response find(@PathParam("id") String id) {
        CodeBatch batch = batch(id);
        return batch == null ? notFound() : Response.ok(json(batch).build().toString()).build();
    }

    @GET
    @Path("{id}/codes")
    @Access(Audience.READER)
    @Produces({CSV, MediaType.APPLICATION_JSON})
    public Response codes(@PathParam("id") String id) {
        CodeBatch batch = batch(id);
        if (batch == null) {
            return notFound();
        }
        if (batch.status() == BatchStatus.RUNNING) {
            return ProblemResponses.problem(409, "batch-running", "Batch running",
                    "The batch has " + batch.created() + " of " + batch.requested()
                            + " codes; its codes can be downloaded when it is DONE.", List.of())
                    .header("Retry-After", 1).build();
        }
        // Every code of a batch has the same length, so the size is known before the first byte:
        // the client sees a short download as the failure it is. (A client that asks for an h2c
        // upgrade gets the file without its Content-Type: Payara drops it; see STACK-NOTES.)
        long count = batches.countCodes(batch.id());
        long length = HEADER.length() + count * (batch.codeLength() + 1L);
        StreamingOutput csv = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 64 * 1024);
            writer.write(HEADER);
            long after = 0;
            long written = 0;
            for (List<Tuple> page = batches.codes(batch.id(), after, CSV_PAGE); !page.isEmpty() && written < count;
                 page = batches.codes(batch.id(), after, CSV_PAGE)) {
                for (int i = 0; i < page.size() && written < count; i++, written++) {
                    writer.write(page.get(i).get("code", String.class));
                    writer.write('\n');
                }
                after = ((Number) page.get(page.size() - 1).get("id")).longValue();
            }
            if (written < count) {
                // A code was deleted while the file was read: a short file would look whole.
                throw new IOException("the batch's codes changed while they were read; download them again");
            }
            writer.flush();
        };
        return Response.ok(csv, CSV).header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Content-Disposition", "attachment; filename=\"codes-" + batch.id() + ".csv\"").build();
    }

    private Response.ResponseBuilder accepted(CodeBatch batch) {
        return Response.accepted(json(batch).build().toString())
                .location(UriBuilder.fromUri(uri.getBaseUri()).path("api/admin/code-batches").path(batch.id().toString()).build());
    }

    private CodeBatch batch(String id) {
        UUID batch = CodeBatchRequestReader.uuid(id);
        return batch == null ? null : batches.find(batch);
    }

    static JsonObjectBuilder json(CodeBatch b) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", b.id().toString()).add("status", b.status().name())
                .add("requested", b.requested()).add("created", b.created()).add("prefix", b.prefix())
                .add("length", b.randomLength()).add("codeLength", b.codeLength())
                .add("startedAt", b.startedAt().toString());
        if (b.finishedAt() == null) {
            json.addNull("finishedAt");
        } else {
            json.add("finishedAt", b.finishedAt().toString());
        }
        if (b.error() != null) {
            json.add("error", b.error());
        }
        return json;
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response notFound() {
        return ProblemResponses.problem(404, "not-found", "Not found", "No code batch has this id.", List.of()).build();
    }
}
