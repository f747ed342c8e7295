package dev.imagesdk.it;

/** The v2 contract against the fake Glance (always runs with -Pit). */
@ContractTarget(target = "fake", suite = "v2")
class FakeGlanceContractIT extends ContractSuite {

    @Override
    Target openTarget() {
        return new FakeTarget(false);
    }
}
