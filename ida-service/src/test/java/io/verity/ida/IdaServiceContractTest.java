package io.verity.ida;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.verity.testsupport.ServiceContractTest;

/** ida-service starts against the migrated schema and keeps the contract every service shares. */
@QuarkusTest
// Declared once per module and global: every test of the module shares one PostgreSQL, the services and one OIDC server.
@QuarkusTestResource(SuiteResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class IdaServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "ida-service";
    }
}
