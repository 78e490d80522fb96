import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** The OpenAPI document the API serves at /docs-json (docs/api.md), built from the controllers' decorators. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('benefit-ledger')
      .setDescription(
        'An event-sourced ledger of the value of health and care improvement work. Money is integer pence; financial years are written 2019/20. ' +
          'Every refusal answers the same JSON body (ErrorBody): statusCode, error, message, and by kind errors[], rule and field.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  return withClosedRequestBodies(document);
}

type Schema = SchemaObject | ReferenceObject;

/**
 * Marks every schema a request body uses, nested ones included, `additionalProperties: false`: the validation pipe
 * refuses a property a body does not declare (forbidNonWhitelisted), and the document says so, so that clients and
 * fuzzers send only what is accepted. Answers stay open: a client must expect fields added later.
 */
export function withClosedRequestBodies(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Partial<Record<string, Schema>>; // a $ref may name none
  const closed = new Set<string>();
  const visit = (schema: Schema | undefined): void => {
    if (!schema) return;
    if ('$ref' in schema) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (closed.has(name)) return;
      closed.add(name);
      visit(schemas[name]);
      return;
    }
    Object.values(schema.properties ?? {}).forEach(visit);
    [schema.items, ...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].forEach(visit);
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.put, item.post, item.patch, item.delete]) {
      const body = operation?.requestBody;
      if (body && !('$ref' in body)) Object.values(body.content).forEach((media) => visit(media.schema));
    }
  }
  for (const name of closed) {
    const schema = schemas[name];
    if (schema && !('$ref' in schema) && schema.properties) schema.additionalProperties = false;
  }
  return document;
}
